package io.storefront.web.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.storefront.web.SampleWebApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource-server metadata Spring Security publishes (RFC 9728) says what the tokens
 * are: bearer tokens in the Authorization header, not bound to a client certificate.
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
	}

}
