package io.storefront.web.testing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route the controllers of a running service map, as {@code "METHOD /pattern"} (a
 * mapping that names no method takes them all), for the tests that ask each route that
 * must need a token without one: the security configurations name their protected routes
 * one by one, so a route added later is open until it is named there.
 */
public final class MappedRoutes {

	private MappedRoutes() {
	}

	/**
	 * @param mappings the service's {@code requestMappingHandlerMapping}
	 */
	public static List<String> of(RequestMappingHandlerMapping mappings) {
		List<String> routes = new ArrayList<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : methods.isEmpty() ? EnumSet.allOf(RequestMethod.class) : methods) {
					routes.add(method + " " + pattern);
				}
			}
		}
		return routes;
	}

	/**
	 * The routes an API description must hold: not the operational ones
	 * ({@code /health*}, {@code /error}), nor the description's own
	 * ({@code /v3/api-docs*}, {@code /docs}, {@code /swagger-ui*}), nor {@code OPTIONS}
	 * and {@code TRACE}, which Spring MVC answers for every path.
	 */
	public static List<String> ofApi(RequestMappingHandlerMapping mappings) {
		return of(mappings).stream().filter((route) -> {
			String method = method(route);
			String path = route.substring(route.indexOf(' ') + 1);
			return !method.equals("OPTIONS") && !method.equals("TRACE") && !path.startsWith("/health")
					&& !path.equals("/error") && !path.startsWith("/v3/api-docs") && !path.startsWith("/docs")
					&& !path.startsWith("/swagger-ui");
		}).toList();
	}

	public static String method(String route) {
		return route.substring(0, route.indexOf(' '));
	}

	/** The route's path with {@code 1} for each path variable. */
	public static String examplePath(String route) {
		return route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
	}

}
