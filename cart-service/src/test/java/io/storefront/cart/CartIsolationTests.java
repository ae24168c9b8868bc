package io.storefront.cart;

import org.junit.jupiter.api.Test;

import io.storefront.cart.support.CartApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user can never see or change another user's cart: the cart is always the token's
 * subject's.
 */
class CartIsolationTests extends CartApiTestSupport {

	@Test
	void aUserSeesOnlyTheirOwnCart() {
		String alice = newUser();
		String bob = newUser();
		products.product(401, "Alice's choice", "10.00", "USD", 10);
		add(tokens.user(alice), 401, 2);

		Response bobsView = get("/cart", tokens.user(bob));

		assertThat(bobsView.json().get("user_id").asString()).isEqualTo(bob);
		assertThat(bobsView.json().get("items")).isEmpty();
	}

	@Test
	void aUserCannotSeeChangeOrRemoveAnotherUsersLines() {
		String alice = newUser();
		String bobsToken = tokens.user(newUser());
		products.product(402, "Alice's lamp", "25.00", "USD", 10);
		add(tokens.user(alice), 402, 2);

		get("/cart/items/402", bobsToken).assertProblem(404);
		patch("/cart/items/402", bobsToken, "{\"quantity\":9}").assertProblem(404);
		delete("/cart/items/402", bobsToken).assertProblem(404);
		assertThat(delete("/cart", bobsToken).status()).isEqualTo(204);

		Response alicesView = get("/cart", tokens.user(alice));
		assertThat(alicesView.json().get("items")).hasSize(1);
		assertThat(alicesView.json().get("items").get(0).get("quantity").asInt()).isEqualTo(2);
	}

	@Test
	void addingTheSameProductKeepsSeparateLinesPerUser() {
		String alice = newUser();
		String bob = newUser();
		products.product(403, "Shared favourite", "5.00", "USD", 10);

		assertThat(add(tokens.user(alice), 403, 1).status()).isEqualTo(201);
		assertThat(add(tokens.user(bob), 403, 2).status()).as("Bob's first add makes his own line").isEqualTo(201);

		assertThat(get("/cart", tokens.user(alice)).json().get("items").get(0).get("quantity").asInt()).isEqualTo(1);
		assertThat(get("/cart", tokens.user(bob)).json().get("items").get(0).get("quantity").asInt()).isEqualTo(2);
	}

	@Test
	void anAdminTokenHasItsOwnCartToo() {
		String admin = newUser();
		products.product(404, "Admin's pick", "7.00", "USD", 10);

		assertThat(add(tokens.admin(admin), 404, 1).status()).isEqualTo(201);

		assertThat(get("/cart", tokens.user(admin)).json().get("items")).hasSize(1);
		assertThat(storedLines(admin)).isEqualTo(1);
	}

}
