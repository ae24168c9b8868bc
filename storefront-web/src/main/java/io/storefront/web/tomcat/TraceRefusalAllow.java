package io.storefront.web.tomcat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.HandlerMapping;

import io.storefront.problem.ProblemErrorController;

/**
 * The {@code Allow} of Tomcat's 405 for {@code TRACE}, on its way to the error page: what
 * the path takes (RFC 9110, section 15.5.6), as its {@code OPTIONS} answer names it.
 * Tomcat refuses {@code TRACE} before any filter or route sees it ({@code allowTrace} is
 * off, so that no request is echoed back), and names what the servlet implements, the
 * same on every path. Where the path's methods cannot be told, Tomcat's stays.
 */
public final class TraceRefusalAllow extends HttpFilter {

	private final Integer probePort;

	private final Map<String, String> filterAnswered;

	private final String filterName;

	private final RouteMethods routes;

	/**
	 * @param probePort the port where only the probes answer, {@code null} for none
	 * @param filterAnswered the {@code Allow} of each path a filter answers ahead of
	 * every route, when that filter is registered as {@code filterName}
	 * @param mappings Spring MVC's handler mappings, in the order the dispatcher asks
	 * them
	 */
	public TraceRefusalAllow(Integer probePort, Map<String, String> filterAnswered, String filterName,
			Supplier<List<HandlerMapping>> mappings) {
		this.probePort = probePort;
		this.filterAnswered = Map.copyOf(filterAnswered);
		this.filterName = filterName;
		this.routes = new RouteMethods(SingletonSupplier.of(mappings));
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if ("TRACE".equals(request.getAttribute(RequestDispatcher.ERROR_METHOD))
				&& Integer.valueOf(HttpServletResponse.SC_METHOD_NOT_ALLOWED)
					.equals(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE))
				&& request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
			allow(request, path).ifPresent((allow) -> response.setHeader(HttpHeaders.ALLOW, allow));
		}
		chain.doFilter(request, response);
	}

	private Optional<String> allow(HttpServletRequest request, String path) {
		boolean filtered = this.filterAnswered.containsKey(path)
				&& request.getServletContext().getFilterRegistration(this.filterName) != null;
		if (filtered) {
			return Optional.of(this.filterAnswered.get(path));
		}
		// the error page takes any method, and answers every one 404: no route
		if (ProblemErrorController.PATH.equals(path)
				|| (this.probePort != null && request.getLocalPort() == this.probePort)) {
			return Optional.of("");
		}
		return this.routes.allow(request, path);
	}

}
