package io.storefront.cart;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import io.storefront.cart.support.AllAtOnce;
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

	/**
	 * A server closes kept-alive connections it finds idle (product-service's Tomcat
	 * after its keep-alive timeout, a restart closes them all): the client must not send
	 * a lookup down one. Two such connections in the pool took both the first attempt and
	 * its retry, and an add after a quiet minute was a 503.
	 */
	@Test
	void connectionsTheProductServiceClosedWhileIdleAreNotUsed() throws Exception {
		String token = tokens.user(newUser());
		products.product(304, "Sugar tongs", "9.00", "USD", 100);
		products.product(305, "Cream jug", "14.00", "USD", 100);
		products.delay(Duration.ofMillis(500));
		Callable<Integer> first = () -> add(token, 304, 1).status();
		Callable<Integer> second = () -> add(token, 305, 1).status();
		assertThat(AllAtOnce.run(List.of(first, second))).as("two lookups at once: two kept-alive connections")
			.containsOnly(201);
		products.healthy();
		products.stop();
		products.start();
		// idle longer than the client lets a connection go unchecked
		Thread.sleep(1500);
		int connectionsBefore = products.newConnections();

		assertThat(add(token, 304, 1).status()).isEqualTo(200);

		assertThat(products.newConnections()).as("the lookup went over a new connection")
			.isGreaterThan(connectionsBefore);
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
