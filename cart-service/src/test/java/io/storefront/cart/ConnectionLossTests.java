package io.storefront.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.db.testing.SessionKills;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cart service's sessions killed on the server again and again while carts are read
 * and changed: the pool replaces them and no request fails, because a read whose
 * connection dies under it is run again, and so is a change of quantity whose connection
 * dies, and one whose commit lost its connection is answered once the server says it
 * committed, or run again once it says it was rolled back.
 */
@Tag("reliability")
class ConnectionLossTests extends CartApiTestSupport {

	@Test
	void showingCartsUnderLoadNeverFailsWhileEverySessionOfTheServiceIsKilled() throws Exception {
		products.product(801, "Sturdy product", "3.00", "USD", 50);
		List<String> tokensByUser = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String token = tokens.user(newUser());
			assertThat(add(token, 801, 1 + i).status()).isEqualTo(201);
			tokensByUser.add(token);
		}
		SessionKills.Outcome<Map.Entry<Integer, Response>> outcome = SessionKills.whileReading("cart_svc",
				tokensByUser.size(), (client) -> Map.entry(client, get("/cart", tokensByUser.get(client))));
		List<Map.Entry<Integer, Response>> answers = outcome.answers();

		assertThat(outcome.killed()).as("sessions killed, pool and monitor").isGreaterThanOrEqualTo(6);
		assertThat(answers).hasSizeGreaterThan(30);
		assertThat(answers).as("no read failed, and each read its own user's cart").allSatisfy((read) -> {
			Response answer = read.getValue();
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(answer.json().get("items").get(0).get("quantity").asInt()).isEqualTo(1 + read.getKey());
		});
		assertThat(get("/health", null).status()).isEqualTo(200);
	}

	@Test
	void changingQuantitiesUnderLoadNeverFailsWhileEverySessionOfTheServiceIsKilled() throws Exception {
		products.product(802, "Adjustable product", "2.00", "USD", 50);
		List<String> tokensByUser = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String token = tokens.user(newUser());
			assertThat(add(token, 802, 1).status()).isEqualTo(201);
			tokensByUser.add(token);
		}
		SessionKills.Outcome<Response> outcome = SessionKills.whileReading("cart_svc", tokensByUser.size(),
				(client) -> patch("/cart/items/802", tokensByUser.get(client), "{\"quantity\": 2}"));

		assertThat(outcome.killed()).as("sessions killed, pool and monitor").isGreaterThanOrEqualTo(4);
		assertThat(outcome.answers()).hasSizeGreaterThan(20);
		assertThat(outcome.answers()).as("no change failed, each answered with the quantity set")
			.allSatisfy((answer) -> {
				assertThat(answer.status()).as(answer.body()).isEqualTo(200);
				assertThat(answer.json().get("items").get(0).get("quantity").asInt()).isEqualTo(2);
			});
		for (String token : tokensByUser) {
			assertThat(get("/cart", token).json().get("items").get(0).get("quantity").asInt()).as("stored")
				.isEqualTo(2);
		}
	}

}
