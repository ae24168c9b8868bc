package io.storefront.cart;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.web.testing.ApiTraffic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client reads beside the field a 422 names, in the words every service uses. Bean
 * Validation's defaults said "must not be null" and "must be greater than or equal to 1".
 */
@ExtendWith(ApiTraffic.Checked.class)
class FieldMessagesTests extends CartApiTestSupport {

	@ParameterizedTest(name = "{0} {1} -> {3}")
	@CsvSource(delimiter = '|',
			textBlock = """
					POST  | /cart/items   | '{"quantity": 1}'                    | product_id | is required
					POST  | /cart/items   | '{"product_id": 501}'                | quantity   | is required
					POST  | /cart/items   | '{"product_id": 501, "quantity": 0}' | quantity   | must be at least 1
					POST  | /cart/items   | '{"product_id": 501, "quantity": 1001}' | quantity | must be at most 1000
					POST  | /cart/items   | '{"product_id": 501, "quantity": 3000000000}' | quantity | must be at most 1000
					POST  | /cart/items   | '{"product_id": 0, "quantity": 1}'   | product_id | must be more than 0
					POST  | /cart/items   | '{"product_id": 501, "quantity": "2"}' | quantity | must be a whole number, not a string
					POST  | /cart/items   | '{"product_id": 501, "quantity": 1.5}' | quantity | must be a whole number
					PATCH | /cart/items/501 | '{"quantity": null}'               | quantity   | is required
					PATCH | /cart/items/501 | '{"quantity": -3}'                 | quantity   | must be at least 1
					PATCH | /cart/items/0   | '{"quantity": 1}'                  | product_id | must be more than 0
					PATCH | /cart/items/-1  | '{"quantity": 1}'                  | product_id | must be more than 0
					""")
	void aRefusedFieldIsToldWhatItMustBe(String method, String path, String body, String field, String message) {
		Response refused = send(method, path, tokens.user(newUser()), "application/json", body);

		refused.assertProblem(422);
		JsonNode errors = refused.json().get("errors");
		assertThat(errors).as(refused.body()).hasSize(1);
		assertThat(errors.get(0).get("field").asString()).isEqualTo(field);
		assertThat(errors.get(0).get("message").asString()).isEqualTo(message);
	}

}
