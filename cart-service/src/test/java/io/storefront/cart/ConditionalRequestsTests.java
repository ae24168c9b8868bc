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
		String token = tokenWithLine(user, 801, "Tagged mug", 2);
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
		Map<String, String> any = Map.of("If-Match", "*");

		String token = addedAndRaised(user, 802, any);

		assertThat(sendWithHeaders("DELETE", "/cart/items/802", token, null, any).status()).isEqualTo(204);
		assertThat(storedLines(user)).isZero();
		assertThat(sendWithHeaders("DELETE", "/cart", token, null, any).status()).isEqualTo(204);
	}

	@Test
	void ifNoneMatchStarFailsEveryChangeWhereTheLineExistsAndChangesNothing() {
		String user = newUser();
		String token = tokenWithLine(user, 803, "Existing mug", 2);

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
		String token = tokenWithLine(newUser(), 804, "Both mug", 1);

		Response answer = sendWithHeaders("PATCH", "/cart/items/804", token, "{\"quantity\":3}",
				Map.of("If-Match", "\"zzz\"", "If-None-Match", "*"));

		assertThat(answer.assertProblem(412)).isEqualTo(NO_ENTITY_TAGS);
	}

	@Test
	void anIfNoneMatchListingEntityTagsHoldsAsNoTagCanMatch() {
		addedAndRaised(newUser(), 805, Map.of("If-None-Match", "\"zzz\", W/\"1\""));
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
		String token = tokenWithLine(user, 807, "Dated mug", 1);
		assertThat(get("/cart", token).header("Last-Modified")).isNull();

		Response answer = sendWithHeaders("PATCH", "/cart/items/807", token, "{\"quantity\":3}",
				Map.of("If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(storedQuantity(user, 807)).isEqualTo(3);
	}

	/**
	 * The user's token, once a new product was added to their cart (201) and its line
	 * raised to 5 (200), both with {@code headers}.
	 */
	private String addedAndRaised(String user, long productId, Map<String, String> headers) {
		String token = tokens.user(user);
		products.product(productId, "Conditional mug", "4.00", "USD", 50);
		assertThat(sendWithHeaders("POST", "/cart/items", token, "{\"product_id\":" + productId + ",\"quantity\":2}",
				headers)
			.status()).isEqualTo(201);
		assertThat(sendWithHeaders("PATCH", "/cart/items/" + productId, token, "{\"quantity\":5}", headers).status())
			.isEqualTo(200);
		assertThat(storedQuantity(user, productId)).isEqualTo(5);
		return token;
	}

	/** The user's token, once their cart holds {@code quantity} of a new product. */
	private String tokenWithLine(String user, long productId, String name, int quantity) {
		String token = tokens.user(user);
		products.product(productId, name, "4.00", "USD", 50);
		assertThat(add(token, productId, quantity).status()).isEqualTo(201);
		return token;
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
