package io.storefront.cart;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.cart.support.CartApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bearer token, valid or refused, never reaches the cart's log, not even in the lines a
 * failing product lookup writes while the request holding it is served.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokensStayHiddenTests extends CartApiTestSupport {

	@Test
	void noBearerTokenReachesTheLogs(CapturedOutput output) {
		String user = newUser();
		String valid = tokens.user(user);
		List<String> refused = List.of(tokens.expired(user), tokens.tampered(user), tokens.signedByUnknownKey(user),
				tokens.algNone(user));
		products.product(261, "Logged lamp", "3.00", "USD", 10);
		assertThat(add(valid, 261, 1).status()).isEqualTo(201);
		assertThat(get("/cart", valid).status()).isEqualTo(200);
		refused.forEach((token) -> get("/cart", token).assertProblem(401));
		products.product(262, "Unlucky lamp", "3.00", "USD", 10);
		products.failWith(500);
		add(valid, 262, 1).assertProblem(503);

		String logged = output.getAll();
		assertThat(logged).as("the failed lookup, served for the valid token, is logged")
			.contains("product lookup failed: product_id=262")
			.doesNotContain(signature(valid));
		refused.forEach((token) -> assertThat(logged).doesNotContain(token));
	}

	/**
	 * The part of a JWT no other token shares: its header and claims repeat across
	 * tokens.
	 */
	private static String signature(String token) {
		return token.substring(token.lastIndexOf('.') + 1);
	}

}
