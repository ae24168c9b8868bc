package io.storefront.cart;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.storefront.cart.support.CartApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Preconditions on the cart's changes (RFC 9110 section 13). The cart issues no entity
 * tags, so an {@code If-Match} listing tags never holds and {@code If-Match: *} holds
 * wherever the line (or the cart) exists; {@code If-None-Match: *} fails there, and one
 * listing tags always holds. A failed precondition is a 412 that changes nothing; a line
 * that does not exist is still a 404, the answer without the preconditions.
 */
class ConditionalRequestsTests extends CartApiTestSupport {

	private static final String NO_ENTITY_TAGS = "the cart's lines carry no entity tags: If-Match can only be *";

	@Test
	void anIfMatchListingEntityTagsFailsEveryChangeAndChangesNothing() {
		String user = newUser();
		String token = tokens.user(user);
		products.product(801, "Tagged mug", "4.00", "USD", 50);
		assertThat(add(token, 801, 2).status()).isEqualTo(201);
		int productLookups = products.requests();

		for (String ifMatch : List.of("\"zzz\"", "\"1\"", "W/\"1\"", "zzz", "\"a\", \"b\"")) {
			Map<String, String> headers = Map.of("If-Match", ifMatch);
			for (Response answer : everyChange(token, 801, headers)) {
				assertThat(answer.assertProblem(412)).as("If-Match: %s", ifMatch).isEqualTo(NO_ENTITY_TAGS);
			}
			assertThat(storedLines(user)).isEqualTo(1);
			assertThat(storedQuantity(user, 801)).isEqualTo(2);
		}
		assertThat(products.requests()).as("lookups of the product").isEqualTo(productLookups);
	}

	@Test
	void ifMatchStarLetsEveryChangeThroughWhereTheLineExists() {
		String user = newUser();
		String token = tokens.user(user);
		products.product(802, "Any mug", "4.00", "USD", 50);
		Map<String, String> any = Map.of("If-Match", "*");

		assertThat(sendWithHeaders("POST", "/cart/items", token, "{\"product_id\":802,\"quantity\":2}", any).status())
			.isEqualTo(201);
		assertThat(sendWithHeaders("PATCH", "/cart/items/802", token, "{\"quantity\":5}", any).status()).isEqualTo(200);
		assertThat(storedQuantity(user, 802)).isEqualTo(5);
		assertThat(sendWithHeaders("DELETE", "/cart/items/802", token, null, any).status()).isEqualTo(204);
		assertThat(storedLines(user)).isZero();
		assertThat(sendWithHeaders("DELETE", "/cart", token, null, any).status()).isEqualTo(204);
	}

	@Test
	void ifNoneMatchStarFailsEveryChangeWhereTheLineExistsAndChangesNothing() {
		String user = newUser();
		String token = tokens.user(user);
		products.product(803, "Existing mug", "4.00", "USD", 50);
		assertThat(add(token, 803, 2).status()).isEqualTo(201);

		List<Response> answers = everyChange(token, 803, Map.of("If-None-Match", "*"));

		assertThat(answers.get(0).assertProblem(412)).isEqualTo(
				"the cart exists and If-None-Match is *, which holds only where nothing exists; it was left unchanged");
		assertThat(answers.get(1).assertProblem(412)).isEqualTo(
				"the cart has a line for product 803 and If-None-Match is *, which holds only where nothing exists; "
						+ "it was left unchanged");
		assertThat(answers.get(2).assertProblem(412)).isEqualTo(answers.get(1).assertProblem(412));
		assertThat(answers.get(3).assertProblem(412)).isEqualTo(answers.get(0).assertProblem(412));
		assertThat(storedLines(user)).isEqualTo(1);
		assertThat(storedQuantity(user, 803)).isEqualTo(2);
	}

	@Test
	void ifMatchIsJudgedBeforeIfNoneMatch() {
		String token = tokens.user(newUser());
		products.product(804, "Both mug", "4.00", "USD", 50);
		assertThat(add(token, 804, 1).status()).isEqualTo(201);

		Response answer = sendWithHeaders("PATCH", "/cart/items/804", token, "{\"quantity\":3}",
				Map.of("If-Match", "\"zzz\"", "If-None-Match", "*"));

		assertThat(answer.assertProblem(412)).isEqualTo(NO_ENTITY_TAGS);
	}

	@Test
	void anIfNoneMatchListingEntityTagsHoldsAsNoTagCanMatch() {
		String user = newUser();
		String token = tokens.user(user);
		products.product(805, "Untagged mug", "4.00", "USD", 50);
		Map<String, String> notThese = Map.of("If-None-Match", "\"zzz\", W/\"1\"");

		assertThat(
				sendWithHeaders("POST", "/cart/items", token, "{\"product_id\":805,\"quantity\":2}", notThese).status())
			.isEqualTo(201);
		assertThat(sendWithHeaders("PATCH", "/cart/items/805", token, "{\"quantity\":4}", notThese).status())
			.isEqualTo(200);
		assertThat(storedQuantity(user, 805)).isEqualTo(4);
	}

	@Test
	void aLineThatDoesNotExistIsStillA404WhateverThePreconditions() {
		String token = tokens.user(newUser());
		for (Map<String, String> headers : List.of(Map.of("If-Match", "*"), Map.of("If-Match", "\"zzz\""),
				Map.of("If-None-Match", "*"))) {
			assertThat(sendWithHeaders("PATCH", "/cart/items/806", token, "{\"quantity\":1}", headers).status())
				.as("PATCH with %s", headers)
				.isEqualTo(404);
			assertThat(sendWithHeaders("DELETE", "/cart/items/806", token, null, headers).status())
				.as("DELETE with %s", headers)
				.isEqualTo(404);
		}
	}

	@Test
	void aPathIdOutOfRangeIsStillA422WhateverThePreconditions() {
		String token = tokens.user(newUser());

		Response answer = sendWithHeaders("PATCH", "/cart/items/0", token, "{\"quantity\":1}",
				Map.of("If-Match", "\"zzz\""));

		assertThat(answer.status()).isEqualTo(422);
	}

	@Test
	void ifUnmodifiedSinceIsIgnoredAsTheCartHasNoModificationDate() {
		String user = newUser();
		String token = tokens.user(user);
		products.product(807, "Dated mug", "4.00", "USD", 50);
		assertThat(add(token, 807, 1).status()).isEqualTo(201);
		assertThat(get("/cart", token).header("Last-Modified")).isNull();

		Response answer = sendWithHeaders("PATCH", "/cart/items/807", token, "{\"quantity\":3}",
				Map.of("If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(storedQuantity(user, 807)).isEqualTo(3);
	}

	/**
	 * An add of one more unit, a raise to 5, the line's removal and emptying the cart, in
	 * that order, each with {@code headers}.
	 */
	private List<Response> everyChange(String token, long productId, Map<String, String> headers) {
		String line = "/cart/items/" + productId;
		return List.of(
				sendWithHeaders("POST", "/cart/items", token, "{\"product_id\":" + productId + ",\"quantity\":1}",
						headers),
				sendWithHeaders("PATCH", line, token, "{\"quantity\":5}", headers),
				sendWithHeaders("DELETE", line, token, null, headers),
				sendWithHeaders("DELETE", "/cart", token, null, headers));
	}

}
