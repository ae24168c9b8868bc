package io.storefront.product.web;

import java.net.http.HttpResponse;
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

import io.storefront.product.ProductApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security configuration names the catalog's write routes one by one, so that an
 * unknown route or method is the controllers' 404 or 405. The price of that is that a
 * write route added later would be open until it is named there; this test finds every
 * route the controllers map with a method other than GET and asks it without a token and
 * with a user's.
 */
class EveryWriteNeedsAnAdminTests extends ProductApiTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void everyMappedWriteRefusesAnAnonymousCallerAndAUser() {
		List<String> writes = writeRoutes();
		assertThat(writes).contains("POST /products", "PUT /products/{id}", "DELETE /products/{id}");

		for (String route : writes) {
			String method = route.substring(0, route.indexOf(' '));
			String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
			HttpResponse<String> anonymous = send(method, path, null, null);
			HttpResponse<String> user = send(method, path, tokens.user(), null);

			assertThat(anonymous.statusCode()).as("%s without a token: %s", route, anonymous.body()).isEqualTo(401);
			assertThat(user.statusCode()).as("%s with a user's token: %s", route, user.body()).isEqualTo(403);
		}
	}

	/**
	 * "METHOD /pattern" of every mapped route that is not a read; a mapping that names no
	 * method takes them all. {@code /error} is the error controller's, open on purpose.
	 */
	private List<String> writeRoutes() {
		List<String> routes = new ArrayList<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : methods.isEmpty() ? EnumSet.allOf(RequestMethod.class) : methods) {
					if (method != RequestMethod.GET && method != RequestMethod.HEAD && method != RequestMethod.OPTIONS
							&& method != RequestMethod.TRACE && !pattern.equals("/error")) {
						routes.add(method + " " + pattern);
					}
				}
			}
		}
		return routes;
	}

}
