package io.storefront.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth service (its JWKS) goes away after the keys were fetched: tokens signed with a
 * known key keep being verified from the cache; a token signed with a key the cache does
 * not have cannot be checked, and is refused as invalid (401), never 500.
 */
@Tag("reliability")
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "storefront.service.name=auth-service")
class JwksOutageTests {

	private static final TestTokens tokens = TestTokens.start();

	private static final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void jwks(DynamicPropertyRegistry registry) {
		registry.add("AUTH_JWKS_URL", tokens::jwksUrl);
	}

	@AfterAll
	static void stopTokens() {
		tokens.close();
	}

	@Test
	void knownKeysKeepVerifyingWhileTheJwksIsUnreachable() throws Exception {
		String token = tokens.user();
		assertThat(get("/private/me", token).statusCode()).isEqualTo(200);

		tokens.close();

		assertThat(get("/private/me", token).statusCode()).as("verified with the cached key").isEqualTo(200);
		assertThat(get("/private/me", tokens.user()).statusCode()).as("another token, same key").isEqualTo(200);
		HttpResponse<String> unknownKey = get("/private/me", tokens.signedByUnknownKey("someone"));
		assertThat(unknownKey.statusCode()).as(unknownKey.body()).isEqualTo(401);
		assertThat(unknownKey.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
