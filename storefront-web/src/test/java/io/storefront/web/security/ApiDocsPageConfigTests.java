package io.storefront.web.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.storefront.web.SampleWebApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings the page at {@code /docs} reads name no address a request's {@code Host}
 * chose: a cache in front could hand such an answer to everyone.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json" })
class ApiDocsPageConfigTests {

	@LocalServerPort
	int port;

	@Test
	void theSwaggerConfigDoesNotReflectTheHostHeader() throws Exception {
		WithHost.Answer answer = WithHost.get(this.port, "/v3/api-docs/swagger-config", "evil.example");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("\"url\":\"/v3/api-docs\"").doesNotContain("evil.example");
	}

}
