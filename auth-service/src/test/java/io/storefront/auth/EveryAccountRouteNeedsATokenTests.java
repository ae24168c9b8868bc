package io.storefront.auth;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.storefront.web.testing.MappedRoutes;

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
			"POST /auth/logout", "GET /.well-known/", " /error", " /health", " /v3/api-docs", " /docs", " /swagger-ui");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void everyMappedRouteThatIsNotOpenOnPurposeRefusesAnAnonymousCaller() {
		List<String> guarded = MappedRoutes.of(this.mappings)
			.stream()
			.filter((route) -> !route.startsWith("OPTIONS ") && !route.startsWith("TRACE "))
			.filter((route) -> OPEN.stream().noneMatch(route::contains))
			.toList();
		assertThat(guarded).contains("GET /auth/me", "GET /auth/users/{id}");

		for (String route : guarded) {
			AuthApi.Response anonymous = api().send(MappedRoutes.method(route), MappedRoutes.examplePath(route),
					"application/json", "{}", null);

			assertThat(anonymous.status()).as("%s without a token: %s", route, anonymous.body()).isEqualTo(401);
		}
	}

}
