package io.storefront.web.health;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.health.OperationReport;
import io.storefront.db.health.OperationReports;
import io.storefront.db.pool.PoolMetadata;
import io.storefront.db.pool.PoolSnapshot;
import io.storefront.problem.Problems;
import io.storefront.web.health.HealthResponses.DatabaseInfo;
import io.storefront.web.health.HealthResponses.Detailed;
import io.storefront.web.health.HealthResponses.Operations;
import io.storefront.web.health.HealthResponses.Pool;
import io.storefront.web.security.AuthorizationHeaders;

/**
 * {@code /health/detailed} (contract section 3). The light probes, {@code /health},
 * {@code /health/live} and {@code /health/ready}, are answered by
 * {@link HealthProbeFilter} before a request reaches MVC.
 */
@RestController
public class HealthController {

	private final StorefrontSettings settings;

	private final OperationReports operations;

	private final PoolMetadata pool;

	private final Optional<byte[]> detailsToken;

	public HealthController(StorefrontSettings settings, OperationReports operations, PoolMetadata pool) {
		this.settings = settings;
		this.operations = operations;
		this.pool = pool;
		this.detailsToken = settings.healthDetailsToken().map((token) -> token.getBytes(StandardCharsets.UTF_8));
	}

	// only JSON: left open, Spring wrote the report under any +json type the client named
	@GetMapping(path = "/health/detailed", produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<?> detailed(HttpServletRequest request) {
		// without a token the endpoint is open and reads none
		if (this.detailsToken.isPresent() && AuthorizationHeaders.moreThanOne(request)) {
			return ResponseEntity.status(HttpStatus.BAD_REQUEST)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"health\", error=\"invalid_request\"")
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(Problems.of(HttpStatus.BAD_REQUEST, AuthorizationHeaders.MORE_THAN_ONE));
		}
		if (!authorized(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED,
					"/health/detailed requires the health details token as a Bearer token");
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"health\"")
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		PoolSnapshot pool = this.pool.snapshot();
		OperationReport operations = this.operations.current();
		OverallStatus overall = OverallStatus.of(operations, pool);
		OperationReport.ServerInfo server = operations.server();
		Detailed body = new Detailed(java.math.BigDecimal.valueOf(operations.at().toEpochMilli(), 3), serviceName(),
				databaseName(), overall.json(), Pool.of(pool),
				new Operations(operations.connectionTest(), operations.readTest(), operations.writeTest(),
						operations.transactionTest()),
				DatabaseInfo.of(server, databaseName(), this.settings.database().pooler().value()),
				operations.errors());
		HttpStatus status = (overall == OverallStatus.UNHEALTHY) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
		return ResponseEntity.status(status).body(body);
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
		return this.settings.service().name();
	}

	private String databaseName() {
		return this.settings.database().database();
	}

}
