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

	public static String method(String route) {
		return route.substring(0, route.indexOf(' '));
	}

	/** The route's path with {@code 1} for each path variable. */
	public static String examplePath(String route) {
		return route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
	}

}
