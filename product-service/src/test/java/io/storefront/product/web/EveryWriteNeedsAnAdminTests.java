package io.storefront.product.web;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.storefront.product.ProductApiTestSupport;
import io.storefront.web.testing.MappedRoutes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security configuration names the catalog's write routes one by one, so that an
 * unknown route or method is the controllers' 404 or 405. The price of that is that a
 * write route added later would be open until it is named there; this test finds every
 * route the controllers map with a method other than GET and asks it without a token and
 * with a user's.
 */
class EveryWriteNeedsAnAdminTests extends ProductApiTestSupport {

	/** Reads, and methods that change nothing. */
	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void everyMappedWriteRefusesAnAnonymousCallerAndAUser() {
		// /error is the error controller's, open on purpose
		List<String> writes = MappedRoutes.of(this.mappings)
			.stream()
			.filter((route) -> !READS.contains(MappedRoutes.method(route)) && !route.endsWith(" /error"))
			.toList();
		assertThat(writes).contains("POST /products", "PUT /products/{id}", "DELETE /products/{id}");

		for (String route : writes) {
			String method = MappedRoutes.method(route);
			String path = MappedRoutes.examplePath(route);
			HttpResponse<String> anonymous = send(method, path, null, null);
			HttpResponse<String> user = send(method, path, tokens.user(), null);

			assertThat(anonymous.statusCode()).as("%s without a token: %s", route, anonymous.body()).isEqualTo(401);
			assertThat(user.statusCode()).as("%s with a user's token: %s", route, user.body()).isEqualTo(403);
		}
	}

}
