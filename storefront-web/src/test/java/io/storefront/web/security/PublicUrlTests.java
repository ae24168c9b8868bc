package io.storefront.web.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.storefront.web.SampleWebApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code storefront.web.public-url}, the metadata and the 401 challenge name the
 * service by it, whatever {@code Host} a request names, the service's own address
 * included.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json",
				"storefront.web.public-url=https://shop.example/cart/" })
class PublicUrlTests {

	private static final String RESOURCE = "https://shop.example/cart";

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "Host: {0}")
	@ValueSource(strings = { "evil.example:666", "localhost" })
	void theMetadataNamesTheConfiguredUrl(String host) throws Exception {
		WithHost.Answer answer = WithHost.get(this.port, "/.well-known/oauth-protected-resource", hostHeader(host));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(JsonMapper.shared().readTree(answer.body()).path("resource").asString()).isEqualTo(RESOURCE);
		assertThat(answer.body()).doesNotContain("evil.example").doesNotContain("localhost");
	}

	@ParameterizedTest(name = "Host: {0}")
	@ValueSource(strings = { "evil.example:666", "localhost" })
	void theChallengePointsAtTheConfiguredUrl(String host) throws Exception {
		WithHost.Answer answer = WithHost.get(this.port, "/private/me", hostHeader(host));

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate"))
			.isEqualTo("Bearer resource_metadata=\"" + RESOURCE + "/.well-known/oauth-protected-resource\"");
	}

	/** {@code localhost} names this server with its port; any other host is foreign. */
	private String hostHeader(String host) {
		return host.equals("localhost") ? host + ":" + this.port : host;
	}

}
