package io.storefront.web.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.storefront.web.SampleWebApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource-server metadata Spring Security publishes (RFC 9728) says what the tokens
 * are: bearer tokens in the Authorization header, not bound to a client certificate.
 * Without {@code storefront.web.public-url}, its {@code resource} is the address a
 * request came in at, and only when the request's {@code Host} names that address.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json" })
class ProtectedResourceMetadataTests {

	@LocalServerPort
	int port;

	@Test
	void theTokensAreNotSaidToBeBoundToACertificate() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/.well-known/oauth-protected-resource"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode metadata = JsonMapper.shared().readTree(response.body());
		assertThat(metadata.path("tls_client_certificate_bound_access_tokens").asBoolean(true)).isFalse();
		assertThat(metadata.path("bearer_methods_supported").toString()).contains("header");
		assertThat(metadata.path("resource").asString()).isEqualTo("http://127.0.0.1:" + this.port);
	}

	@ParameterizedTest(name = "Host: {0}")
	@ValueSource(strings = { "127.0.0.1", "localhost" })
	void theServicesOwnAddressIsTheResource(String host) throws Exception {
		WithHost.Answer answer = WithHost.get(this.port, "/.well-known/oauth-protected-resource",
				host + ":" + this.port);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(JsonMapper.shared().readTree(answer.body()).path("resource").asString())
			.isEqualTo("http://" + host + ":" + this.port);
	}

	@ParameterizedTest(name = "Host: {0}")
	@ValueSource(strings = { "evil.example:666", "evil.example", "localhost:666", "127.0.0.2" })
	void aHostTheCallerNamedIsNeverTheResource(String host) throws Exception {
		WithHost.Answer answer = WithHost.get(this.port, "/.well-known/oauth-protected-resource", host);

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.body()).doesNotContain(host);
	}

	@Test
	void aHostTheCallerNamedIsNotSentToTheMetadataByAChallenge() throws Exception {
		WithHost.Answer answer = WithHost.get(this.port, "/private/me", "evil.example:666");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
		assertThat(answer.head()).doesNotContain("evil.example");
	}

}
