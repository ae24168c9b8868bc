package io.storefront.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.storefront.cart.support.AllAtOnce;
import io.storefront.cart.support.CartApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adds of one unit racing removes of the same line, from clients that each alternate
 * between the two. Changes to a cart are serialised, so the line's history is a series of
 * lines, each made by an add (201, one unit), grown one unit by each later add (200) and
 * ended by a remove (204): every answer must fit such a history.
 */
class AddsRacingRemovesTests extends CartApiTestSupport {

	private static final long PRODUCT = 311;

	private static final int ROUNDS = 5;

	/** Clients changing the cart at once, half of them starting with an add. */
	private static final int CLIENTS = 10;

	/** Requests each client sends in turn: adds and removes, alternately. */
	private static final int REQUESTS_EACH = 20;

	@Test
	void everyAddsStatusAgreesWithTheLineItReturnsAndNoUnitIsLostOrInvented() throws Exception {
		products.product(PRODUCT, "Contested product", "2.00", "USD", 1000);
		for (int round = 1; round <= ROUNDS; round++) {
			String token = tokens.user(newUser());
			Response first = add(token, PRODUCT, 1);
			assertThat(first.status()).isEqualTo(201);

			List<Response> answers = AllAtOnce.run(clients(token)).stream().flatMap(List::stream).toList();

			assertFitsOneHistory(round, first, answers, lineQuantity(get("/cart", token).json()));
		}
	}

	private List<Callable<List<Response>>> clients(String token) {
		List<Callable<List<Response>>> clients = new ArrayList<>();
		for (int client = 0; client < CLIENTS; client++) {
			int first = client % 2;
			clients.add(() -> {
				List<Response> answers = new ArrayList<>();
				for (int request = first; request < first + REQUESTS_EACH; request++) {
					answers.add((request % 2 == 0) ? add(token, PRODUCT, 1) : delete("/cart/items/" + PRODUCT, token));
				}
				return answers;
			});
		}
		return clients;
	}

	private static void assertFitsOneHistory(int round, Response first, List<Response> answers, int finalQuantity) {
		Map<Integer, Integer> addsEndingAt = new TreeMap<>();
		int removed = 0;
		for (Response answer : concat(first, answers)) {
			String request = "round " + round + ": " + answer.raw().request().method() + " answered " + answer.status()
					+ " " + answer.body();
			if (answer.raw().request().method().equals("DELETE")) {
				assertThat(answer.status()).as(request).isIn(204, 404);
				removed += (answer.status() == 204) ? 1 : 0;
				continue;
			}
			int quantity = lineQuantity(answer.json());
			if (answer.status() == 201) {
				assertThat(quantity).as("a new line holds the one unit added; %s", request).isEqualTo(1);
			}
			else {
				assertThat(answer.status()).as(request).isEqualTo(200);
				assertThat(quantity).as("a line added to holds earlier units; %s", request).isGreaterThan(1);
			}
			addsEndingAt.merge(quantity, 1, Integer::sum);
		}
		int lines = addsEndingAt.getOrDefault(1, 0);
		assertThat(removed).as("round %d: removes that found a line, of %d lines made", round, lines)
			.isEqualTo(lines - ((finalQuantity > 0) ? 1 : 0));
		for (int quantity : addsEndingAt.keySet()) {
			assertThat(addsEndingAt.get(quantity))
				.as("round %d: each add that took a line to %d units follows one that took it to %d", round, quantity,
						quantity - 1)
				.isLessThanOrEqualTo((quantity == 1) ? lines : addsEndingAt.getOrDefault(quantity - 1, 0));
		}
		if (finalQuantity > 0) {
			assertThat(addsEndingAt.getOrDefault(finalQuantity, 0))
				.as("round %d: the line left holds %d units, one line's acknowledged adds", round, finalQuantity)
				.isGreaterThan(addsEndingAt.getOrDefault(finalQuantity + 1, 0));
		}
	}

	private static List<Response> concat(Response first, List<Response> others) {
		List<Response> all = new ArrayList<>(List.of(first));
		all.addAll(others);
		return all;
	}

	/** The product's quantity in a cart (0 without a line). */
	private static int lineQuantity(JsonNode cart) {
		for (JsonNode item : cart.get("items")) {
			if (item.get("product_id").asLong() == PRODUCT) {
				return item.get("quantity").asInt();
			}
		}
		return 0;
	}

}
