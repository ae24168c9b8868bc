package io.storefront.cart;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.cart.support.AllAtOnce;
import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.cart.support.CartLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every change to a cart waits for the others to the same cart, at most 5 s, then is a
 * 409 worth retrying.
 */
class BusyCartTests extends CartApiTestSupport {

	private static final Duration LOCK_WAIT = Duration.ofSeconds(5);

	@Autowired
	DataSource dataSource;

	@Test
	void everyChangeToACartOthersHoldTooLongIsAConflictToRetry() throws Exception {
		String user = newUser();
		String token = tokens.user(user);
		products.product(321, "Held product", "1.00", "USD", 100);
		assertThat(add(token, 321, 1).status()).isEqualTo(201);
		List<Callable<Response>> changes = List.of(() -> add(token, 321, 1),
				() -> patch("/cart/items/321", token, "{\"quantity\":3}"), () -> delete("/cart/items/321", token),
				() -> delete("/cart", token));
		List<Response> answers;
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			CartLock.hold(other, user);

			answers = AllAtOnce.run(changes);

			other.rollback();
		}

		for (Response answer : answers) {
			assertThat(answer.assertProblem(409)).isEqualTo("the cart is busy with other changes; retry");
			assertThat(answer.header("Retry-After")).isEqualTo("1");
			assertThat(answer.took()).isGreaterThan(LOCK_WAIT.minusSeconds(1));
		}
		assertThat(get("/cart", token).json().get("items").get(0).get("quantity").asInt()).isEqualTo(1);
	}

}
