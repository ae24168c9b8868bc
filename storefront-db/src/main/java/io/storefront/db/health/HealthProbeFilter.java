package io.storefront.db.health;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.db.health.HealthResponses.Basic;
import io.storefront.db.health.HealthResponses.Database;
import io.storefront.db.health.HealthResponses.Live;
import io.storefront.db.health.HealthResponses.Ready;

/**
 * {@code GET} and {@code HEAD} of {@code /health}, {@code /health/live} and {@code /health/ready}
 * (contract section 3), answered ahead of every other filter: load balancers and orchestrators call
 * them many times a second, and nothing that security, request metrics or Spring MVC would add applies
 * to them. The healthy answers never change, so their bytes are written once; an unhealthy one carries
 * its reason and is serialised when it happens. Other methods on these paths go on to Spring MVC.
 */
public final class HealthProbeFilter extends HttpFilter {

	/** The paths this filter answers; registered as its exact URL patterns. */
	public static final String[] PATHS = { "/health", "/health/live", "/health/ready" };

	private static final JsonMapper JSON = JsonMapper.shared();

	private final DatabaseMonitor monitor;

	private final MigrationStatus migrations;

	private final String service;

	private final String databaseName;

	private final String version;

	private final byte[] healthy;

	private final byte[] ready;

	private final byte[] live;

	public HealthProbeFilter(DatabaseMonitor monitor, MigrationStatus migrations, String version) {
		this.monitor = monitor;
		this.migrations = migrations;
		this.service = monitor.service().name();
		this.databaseName = monitor.settings().database();
		this.version = version;
		this.healthy = JSON.writeValueAsBytes(basic(ProbeResult.reachable(null)));
		this.ready = JSON.writeValueAsBytes(ready(ProbeResult.reachable(null), true));
		this.live = JSON.writeValueAsBytes(new Live("alive", this.service));
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String method = request.getMethod();
		boolean head = "HEAD".equals(method);
		if (!head && !"GET".equals(method)) {
			chain.doFilter(request, response);
			return;
		}
		switch (request.getRequestURI()) {
			case "/health" -> health(response, head);
			case "/health/ready" -> ready(response, head);
			case "/health/live" -> write(response, HttpServletResponse.SC_OK, this.live, head);
			default -> chain.doFilter(request, response);
		}
	}

	private void health(HttpServletResponse response, boolean head) throws IOException {
		ProbeResult probe = this.monitor.checkConnectivity();
		if (probe.reachable()) {
			write(response, HttpServletResponse.SC_OK, this.healthy, head);
		}
		else {
			write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, JSON.writeValueAsBytes(basic(probe)), head);
		}
	}

	private void ready(HttpServletResponse response, boolean head) throws IOException {
		ProbeResult probe = this.monitor.checkConnectivity();
		boolean migrated = this.migrations.isApplied();
		if (probe.reachable() && migrated) {
			write(response, HttpServletResponse.SC_OK, this.ready, head);
		}
		else {
			write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, JSON.writeValueAsBytes(ready(probe, migrated)),
					head);
		}
	}

	private Basic basic(ProbeResult probe) {
		return new Basic(probe.reachable() ? "healthy" : "unhealthy", this.service, this.version, database(probe));
	}

	private Ready ready(ProbeResult probe, boolean migrated) {
		boolean ready = probe.reachable() && migrated;
		return new Ready(ready ? "ready" : "not_ready", this.service, database(probe), migrated ? "applied" : "pending");
	}

	private Database database(ProbeResult probe) {
		return probe.reachable() ? new Database("connected", this.databaseName, null)
				: new Database("disconnected", this.databaseName, probe.error());
	}

	private static void write(HttpServletResponse response, int status, byte[] body, boolean head) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setContentLength(body.length);
		if (!head) {
			response.getOutputStream().write(body);
		}
	}

}
