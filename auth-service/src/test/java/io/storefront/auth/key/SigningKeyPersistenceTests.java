package io.storefront.auth.key;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthInstance;
import io.storefront.auth.AuthServiceTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

class SigningKeyPersistenceTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "restart-password-1";

	@Test
	void aSecondInstanceOnTheSameDatabaseSignsAndVerifiesWithTheSameKey() {
		AuthApi first = api();
		String email = AuthApi.uniqueEmail("restart");
		first.registered(email, PASSWORD);
		String fromFirst = first.loggedIn(email, PASSWORD).accessToken();

		try (AuthInstance second = AuthInstance.start()) {
			AuthApi other = second.api();
			assertThat(kids(other)).isEqualTo(kids(first));
			assertThat(second.bean(SigningKeys.class).signingKey().getKeyID())
				.isEqualTo(first.get("/.well-known/jwks.json", null).json().get("keys").get(0).get("kid").asString());

			assertThat(other.me(fromFirst).status()).as("a token from the first instance").isEqualTo(200);
			String fromSecond = other.loggedIn(email, PASSWORD).accessToken();
			assertThat(first.me(fromSecond).status()).as("a token from the second instance").isEqualTo(200);
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM signing_keys WHERE active").query(Long.class).single()).isOne();
	}

	private static Set<String> kids(AuthApi api) {
		Set<String> kids = new HashSet<>();
		for (JsonNode key : api.get("/.well-known/jwks.json", null).json().get("keys")) {
			kids.add(key.get("kid").asString());
		}
		return kids;
	}

}
