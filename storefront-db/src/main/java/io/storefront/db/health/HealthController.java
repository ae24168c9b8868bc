package io.storefront.db.health;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.storefront.db.health.HealthResponses.Basic;
import io.storefront.db.health.HealthResponses.Database;
import io.storefront.db.health.HealthResponses.DatabaseInfo;
import io.storefront.db.health.HealthResponses.Detailed;
import io.storefront.db.health.HealthResponses.Live;
import io.storefront.db.health.HealthResponses.Operations;
import io.storefront.db.health.HealthResponses.Pool;
import io.storefront.db.health.HealthResponses.Ready;

/** {@code /health}, {@code /health/detailed}, {@code /health/live} and {@code /health/ready} (contract section 3). */
@RestController
public class HealthController {

	private final DatabaseMonitor monitor;

	private final MigrationStatus migrations;

	private final String version;

	private final Optional<byte[]> detailsToken;

	public HealthController(DatabaseMonitor monitor, MigrationStatus migrations, String version,
			Optional<String> detailsToken) {
		this.monitor = monitor;
		this.migrations = migrations;
		this.version = version;
		this.detailsToken = detailsToken.map((token) -> token.getBytes(StandardCharsets.UTF_8));
	}

	@GetMapping("/health")
	public ResponseEntity<Basic> health() {
		ProbeResult probe = this.monitor.checkConnectivity();
		Basic body = new Basic(probe.reachable() ? "healthy" : "unhealthy", serviceName(), this.version,
				database(probe));
		return ResponseEntity.status(probe.reachable() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
	}

	@GetMapping("/health/detailed")
	public ResponseEntity<?> detailed(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		if (!authorized(authorization)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
					"/health/detailed requires the health details token as a Bearer token");
			problem.setType(URI.create("https://storefront.dev/problems/unauthorized"));
			problem.setTitle("Unauthorized");
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"health\"")
				.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		PoolSnapshot pool = this.monitor.poolSnapshot();
		OperationReport operations = this.monitor.operationReport();
		OverallStatus overall = OverallStatus.of(operations, pool);
		OperationReport.ServerInfo server = operations.server();
		Detailed body = new Detailed(java.math.BigDecimal.valueOf(operations.at().toEpochMilli(), 3), serviceName(), databaseName(),
				overall.json(), Pool.of(pool),
				new Operations(operations.connectionTest(), operations.readTest(), operations.writeTest(),
						operations.transactionTest()),
				new DatabaseInfo(server.version(), server.databaseName(), server.activeConnections(),
						server.serviceConnections(), server.serverConnections(), server.maxConnections(),
						server.reservedConnections()),
				operations.errors());
		HttpStatus status = (overall == OverallStatus.UNHEALTHY) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
		return ResponseEntity.status(status).body(body);
	}

	@GetMapping("/health/live")
	public Live live() {
		return new Live("alive", serviceName());
	}

	@GetMapping("/health/ready")
	public ResponseEntity<Ready> ready() {
		ProbeResult probe = this.monitor.checkConnectivity();
		boolean migrated = this.migrations.isApplied();
		boolean ready = probe.reachable() && migrated;
		Ready body = new Ready(ready ? "ready" : "not_ready", serviceName(), database(probe),
				migrated ? "applied" : "pending");
		return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
	}

	private Database database(ProbeResult probe) {
		return probe.reachable() ? new Database("connected", databaseName(), null)
				: new Database("disconnected", databaseName(), probe.error());
	}

	private boolean authorized(String authorization) {
		if (this.detailsToken.isEmpty()) {
			return true;
		}
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(given, this.detailsToken.get());
	}

	private String serviceName() {
		return this.monitor.service().name();
	}

	private String databaseName() {
		return this.monitor.settings().database();
	}

}
