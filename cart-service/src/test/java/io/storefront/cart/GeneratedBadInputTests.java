package io.storefront.cart;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.web.testing.generated.GeneratedRequests;

/**
 * Generated bad input against every path and method cart-service describes at
 * {@code /v3/api-docs}: never a 5xx, every error problem+json, nothing stored from a
 * refused request. The stand-in product service knows a few products, so that some
 * generated adds succeed.
 */
@Tag("reliability")
class GeneratedBadInputTests extends CartApiTestSupport {

	@Test
	void generatedRequestsNeverMeetAServerErrorAndRefusedOnesStoreNothing() {
		for (long id = 1; id <= 5; id++) {
			products.product(id, "Generated " + id, "2.50", "USD", 50);
		}
		Map<String, String> authorizations = new LinkedHashMap<>();
		authorizations.put("none", null);
		authorizations.put("user", "Bearer " + tokens.user(newUser()));
		authorizations.put("admin", "Bearer " + tokens.admin(newUser()));
		authorizations.put("not-a-user-id", "Bearer " + tokens.user("generated"));

		GeneratedRequests.against("http://localhost:" + this.port, authorizations, this.jdbc)
			.sendAndAssertContractKept("cart-service");
	}

}
