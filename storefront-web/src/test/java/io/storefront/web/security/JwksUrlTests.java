package io.storefront.web.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.storefront.db.config.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code AUTH_JWKS_URL}: a URL the key fetcher could never use is refused at start-up,
 * not answered with a 503 on every request that carries a token.
 */
class JwksUrlTests {

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8001/.well-known/jwks.json", "https://auth.example/keys?tenant=shop",
			"http://[::1]:8001/.well-known/jwks.json", "http://10.0.0.5/jwks.json", "http://auth:65535/jwks" })
	void usableUrlsAreAccepted(String url) {
		assertThat(JwksJwtDecoders.validate(url)).hasToString(url);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			http://127.0.0.1:99999/.well-known/jwks.json | port that is not a number from 1 to 65535
			http://127.0.0.1:65536/.well-known/jwks.json | port that is not a number from 1 to 65535
			http://127.0.0.1:0/.well-known/jwks.json     | port that is not a number from 1 to 65535
			http://auth:99999999999/jwks.json            | port that is not a number from 1 to 65535
			http://auth:8001/jwks.json#keys              | fragment
			http:///.well-known/jwks.json                | host
			http://:8001/.well-known/jwks.json           | host
			http://auth_service:8001/jwks.json           | host
			http:/.well-known/jwks.json                  | host
			ftp://auth/jwks.json                         | http(s) URL
			auth:8001/jwks.json                          | http(s) URL
			http://auth:8001/jwks json                   | not a valid URL
			""")
	void unusableUrlsAreRefusedNamingTheVariable(String url, String problem) {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> JwksJwtDecoders.validate(url));

		assertThat(failure).as(url).isNotNull();
		assertThat(failure.variable()).isEqualTo("AUTH_JWKS_URL");
		assertThat(failure.getMessage()).startsWith("invalid configuration: AUTH_JWKS_URL ").contains(problem);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://keys:s3cret@auth:8001/jwks.json", "http://s3cret@auth:8001/jwks.json" })
	void credentialsAreRefusedWithoutBeingEchoed(String url) {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> JwksJwtDecoders.validate(url));

		assertThat(failure).isNotNull();
		assertThat(failure.variable()).isEqualTo("AUTH_JWKS_URL");
		assertThat(failure.getMessage()).contains("credentials").doesNotContain("s3cret");
	}

}
