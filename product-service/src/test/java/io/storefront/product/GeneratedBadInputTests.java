package io.storefront.product;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.storefront.web.testing.generated.GeneratedRequests;

/**
 * Generated bad input against every path and method product-service describes at
 * {@code /v3/api-docs}: never a 5xx, every error problem+json, nothing stored from a
 * refused request.
 */
@Tag("reliability")
class GeneratedBadInputTests extends ProductApiTestSupport {

	@Test
	void generatedRequestsNeverMeetAServerErrorAndRefusedOnesStoreNothing() {
		Map<String, String> authorizations = new LinkedHashMap<>();
		authorizations.put("none", null);
		authorizations.put("user", "Bearer " + tokens.user());
		authorizations.put("admin", "Bearer " + tokens.admin());
		authorizations.put("expired", "Bearer " + tokens.expired("generated"));

		GeneratedRequests.against("http://localhost:" + this.port, authorizations, this.jdbc)
			.sendAndAssertContractKept("product-service");
	}

}
