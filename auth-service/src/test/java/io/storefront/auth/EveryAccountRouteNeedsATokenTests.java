package io.storefront.auth;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security configuration names its protected routes one by one, so that an unknown
 * route is a 404; a route added later would be open until it is named there. This test
 * finds every route the controllers map, apart from those open on purpose, and asks it
 * without a token.
 */
class EveryAccountRouteNeedsATokenTests extends AuthServiceTestSupport {

	/**
	 * Open on purpose: signing up, in and out, the keys, and the operational and
	 * documentation paths of every service.
	 */
	private static final List<String> OPEN = List.of("POST /auth/register", "POST /auth/login", "POST /auth/refresh",
			"POST /auth/logout", "GET /.well-known/", "/error", "/health", "/v3/api-docs", "/docs", "/swagger-ui");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void everyMappedRouteThatIsNotOpenOnPurposeRefusesAnAnonymousCaller() {
		List<String> guarded = guardedRoutes();
		assertThat(guarded).contains("GET /auth/me", "GET /auth/users/{id}");

		for (String route : guarded) {
			String method = route.substring(0, route.indexOf(' '));
			String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
			AuthApi.Response anonymous = api().send(method, path, "application/json", "{}", null);

			assertThat(anonymous.status()).as("%s without a token: %s", route, anonymous.body()).isEqualTo(401);
		}
	}

	/**
	 * "METHOD /pattern" of every mapped route not open on purpose; a mapping that names
	 * no method takes them all.
	 */
	private List<String> guardedRoutes() {
		List<String> routes = new ArrayList<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : methods.isEmpty() ? EnumSet.allOf(RequestMethod.class) : methods) {
					String route = method + " " + pattern;
					if (method != RequestMethod.OPTIONS && method != RequestMethod.TRACE
							&& OPEN.stream().noneMatch((open) -> route.startsWith(open) || pattern.startsWith(open))) {
						routes.add(route);
					}
				}
			}
		}
		return routes;
	}

}
