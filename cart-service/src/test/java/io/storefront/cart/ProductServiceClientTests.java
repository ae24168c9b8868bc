package io.storefront.cart;

import org.junit.jupiter.api.Test;

import io.storefront.cart.support.CartApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How cart-service talks to the product service when all is well: one kept-alive
 * connection, measured calls.
 */
class ProductServiceClientTests extends CartApiTestSupport {

	@Test
	void successiveLookupsReuseOneConnection() {
		String token = tokens.user(newUser());
		products.product(301, "Kettle", "39.00", "USD", 100);
		products.product(302, "Teapot", "25.00", "USD", 100);

		assertThat(add(token, 301, 1).status()).isEqualTo(201);
		assertThat(add(token, 302, 1).status()).isEqualTo(201);
		assertThat(add(token, 301, 1).status()).isEqualTo(200);

		assertThat(products.requests()).isEqualTo(3);
		assertThat(products.newConnections()).as("HTTP/1.1 keep-alive: no new connection per lookup")
			.isLessThanOrEqualTo(1);
	}

	@Test
	void lookupsAreTimedInHttpClientRequestsByTheirUriTemplate() {
		String token = tokens.user(newUser());
		products.product(303, "Milk jug", "12.00", "USD", 100);

		assertThat(add(token, 303, 1).status()).isEqualTo(201);

		String metrics = get("/metrics", null).body();
		assertThat(metrics.lines().filter((line) -> line.startsWith("http_client_requests_seconds_count{")))
			.as("one series for every product, not one per id")
			.anySatisfy(
					(line) -> assertThat(line).contains("uri=\"/products/{id}\"", "status=\"200\"", "method=\"GET\""))
			.noneSatisfy((line) -> assertThat(line).contains("/products/303"));
	}

}
