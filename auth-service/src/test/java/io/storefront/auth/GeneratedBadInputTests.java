package io.storefront.auth;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.storefront.web.testing.generated.GeneratedRequests;

/**
 * Generated bad input against every path and method auth-service describes at
 * {@code /v3/api-docs}: never a 5xx, every error problem+json, nothing stored from a
 * refused request.
 */
@Tag("reliability")
class GeneratedBadInputTests extends AuthServiceTestSupport {

	@Test
	void generatedRequestsNeverMeetAServerErrorAndRefusedOnesStoreNothing() {
		String email = AuthApi.uniqueEmail("generated");
		api().registered(email, "generated-password");
		Map<String, String> authorizations = new LinkedHashMap<>();
		authorizations.put("none", null);
		authorizations.put("user", "Bearer " + api().loggedIn(email, "generated-password").accessToken());
		authorizations.put("admin", "Bearer " + api().loggedIn(ADMIN_EMAIL, ADMIN_PASSWORD).accessToken());

		GeneratedRequests.against("http://localhost:" + this.port, authorizations, this.jdbc)
			.sendAndAssertContractKept("auth-service");
	}

}
