package io.storefront.web.tomcat;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import io.storefront.problem.RouteRefusals;

/**
 * The methods a path takes, as a route's 405 names them, asked of Spring MVC's handler
 * mappings for a request that never reached them (Tomcat refused it first). A mapping
 * that would pick a handler for any method says nothing certain: not known.
 */
final class RouteMethods {

	/**
	 * The method no route takes, so that every mapping that knows the path says which do.
	 */
	private static final String NO_ROUTE_TAKES = "TRACE";

	private final Supplier<List<HandlerMapping>> mappings;

	/**
	 * @param mappings Spring MVC's handler mappings, in the order the dispatcher asks
	 * them
	 */
	RouteMethods(Supplier<List<HandlerMapping>> mappings) {
		this.mappings = mappings;
	}

	/**
	 * The {@code Allow} value for {@code path}: empty when no route takes it, and
	 * {@link Optional#empty()} when it cannot be told.
	 * @param request the request being answered, whose headers the mappings may read
	 */
	Optional<String> allow(HttpServletRequest request, String path) {
		HttpServletRequest asked = new RouteQuestion(request, path);
		ServletRequestPathUtils.parseAndCache(asked);
		for (HandlerMapping mapping : this.mappings.get()) {
			try {
				HandlerExecutionChain chain = mapping.getHandler(asked);
				if (chain != null) {
					return Optional.empty();
				}
			}
			catch (HttpRequestMethodNotSupportedException ex) {
				return Optional
					.ofNullable(RouteRefusals.methodNotAllowed(ex, new HttpHeaders(), new ServletWebRequest(asked))
						.getFirst(HttpHeaders.ALLOW));
			}
			catch (Exception ex) {
				return Optional.empty();
			}
		}
		return Optional.of("");
	}

	/**
	 * The refused request as the dispatcher would have seen it, with attributes of its
	 * own: what the mappings store on it must not show in the error dispatch it is asked
	 * from.
	 */
	private static final class RouteQuestion extends HttpServletRequestWrapper {

		private final String path;

		private final Map<String, Object> attributes = new HashMap<>();

		RouteQuestion(HttpServletRequest request, String path) {
			super(request);
			this.path = path;
		}

		@Override
		public String getMethod() {
			return NO_ROUTE_TAKES;
		}

		@Override
		public String getRequestURI() {
			return this.path;
		}

		@Override
		public String getServletPath() {
			return this.path;
		}

		@Override
		public String getPathInfo() {
			return null;
		}

		@Override
		public String getQueryString() {
			return null;
		}

		@Override
		public DispatcherType getDispatcherType() {
			return DispatcherType.REQUEST;
		}

		@Override
		public Object getAttribute(String name) {
			return this.attributes.get(name);
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			return Collections.enumeration(this.attributes.keySet());
		}

		@Override
		public void setAttribute(String name, Object value) {
			this.attributes.put(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			this.attributes.remove(name);
		}

	}

}
