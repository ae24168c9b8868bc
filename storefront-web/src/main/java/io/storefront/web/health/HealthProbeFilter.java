package io.storefront.web.health;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import io.storefront.db.health.ConnectivityProbe;
import io.storefront.db.health.MigrationStatus;
import io.storefront.problem.EdgeSecurityHeaders;
import io.storefront.problem.ProblemJson;
import io.storefront.problem.RouteRefusals;
import io.storefront.web.health.HealthProbeAnswers.Answer;
import io.storefront.web.limit.DeclaredBody;

/**
 * {@code GET} and {@code HEAD} of {@code /health}, {@code /health/live} and
 * {@code /health/ready}, answered ahead of every other filter: load balancers and
 * orchestrators call them many times a second, and nothing that security, request metrics
 * or Spring MVC would add applies to them. Another method on these paths is answered here
 * too: 405, as on every other route; a request with a body, which none of them takes,
 * 413, unread. A chunked body is read, without holding a thread ({@link EmptyBodyWait}),
 * until it shows a byte: one that ends empty is no body.
 *
 * <p>
 * The probe behind the answers is looked up on the first request, not when the web server
 * registers its filters: a database that cannot be reached at start-up must fail the
 * start-up as a bean of the application, not as a filter of Tomcat's.
 */
public final class HealthProbeFilter extends HttpFilter {

	/** The paths this filter answers; registered as its exact URL patterns. */
	public static final String[] PATHS = { "/health", "/health/live", "/health/ready" };

	private static final Set<String> PROBE_PATHS = Set.of(PATHS);

	private static final List<String> ALLOWED_METHODS = List.of("GET", "HEAD", "OPTIONS");

	/** The {@code Allow} of the paths, as this filter answers it. */
	public static final String ALLOW = String.join(", ", ALLOWED_METHODS);

	/**
	 * A probe's empty chunked body comes with its headers; one still unfinished after
	 * this is no probe's.
	 */
	private static final long EMPTY_BODY_WAIT_MILLIS = 2_000;

	private final Supplier<ConnectivityProbe> probe;

	private final Supplier<MigrationStatus> migrations;

	private final String version;

	private final BooleanSupplier draining;

	private volatile HealthProbeAnswers answers;

	/**
	 * {@code draining} says whether the service is stopping, when {@code /health/ready}
	 * answers 503.
	 */
	public HealthProbeFilter(Supplier<ConnectivityProbe> probe, Supplier<MigrationStatus> migrations, String version,
			BooleanSupplier draining) {
		this.probe = probe;
		this.migrations = migrations;
		this.version = version;
		this.draining = draining;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (!PROBE_PATHS.contains(request.getRequestURI())) {
			chain.doFilter(request, response);
			return;
		}
		if (DeclaredBody.follows(request)) {
			if (request.getContentLengthLong() < 0 && request.isAsyncSupported()) {
				EmptyBodyWait.start(request, response, EMPTY_BODY_WAIT_MILLIS, this::answer);
				return;
			}
			// answered before the body is read: Tomcat would otherwise read what follows
			// for the next request on a request turn, for as long as the client dribbles
			ProblemJson.send(request, response, HttpStatus.CONTENT_TOO_LARGE, "the health probes take no request body");
			return;
		}
		answer(request, response);
	}

	private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String method = request.getMethod();
		boolean head = "HEAD".equals(method);
		if (!head && !"GET".equals(method)) {
			refuse(request, response, method);
			return;
		}
		switch (request.getRequestURI()) {
			case "/health" -> write(response, answers().health(), head);
			case "/health/ready" -> write(response, answers().ready(), head);
			default -> write(response, answers().live(), head);
		}
	}

	/** OPTIONS says what the paths take; any other method is refused with 405. */
	private static void refuse(HttpServletRequest request, HttpServletResponse response, String method)
			throws IOException {
		response.setHeader(HttpHeaders.ALLOW, ALLOW);
		if ("OPTIONS".equals(method)) {
			EdgeSecurityHeaders.addMissing(response);
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentLength(0);
			return;
		}
		ProblemJson.send(request, response, HttpStatus.METHOD_NOT_ALLOWED,
				RouteRefusals.methodNotAllowed(method, request.getRequestURI(), ALLOWED_METHODS));
	}

	private HealthProbeAnswers answers() {
		HealthProbeAnswers current = this.answers;
		if (current == null) {
			// Two first requests may both build them: the same answers, and cheap.
			current = new HealthProbeAnswers(this.probe.get(), this.migrations.get(), this.version, this.draining);
			this.answers = current;
		}
		return current;
	}

	private static void write(HttpServletResponse response, Answer answer, boolean head) throws IOException {
		response.setStatus(answer.status());
		response.setContentType("application/json");
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setContentLength(answer.body().length);
		if (!head) {
			response.getOutputStream().write(answer.body());
		}
	}

}
