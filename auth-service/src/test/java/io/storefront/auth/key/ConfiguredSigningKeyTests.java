package io.storefront.auth.key;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthInstance;
import io.storefront.auth.AuthServiceTestSupport;
import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

class ConfiguredSigningKeyTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "configured-key-1";

	@Test
	void anUnsetOrBlankVariableMeansTheDatabaseKey() {
		assertThat(SigningKeyConfiguration.configuredKey(null)).isEmpty();
		assertThat(SigningKeyConfiguration.configuredKey("  ")).isEmpty();
	}

	@Test
	void aPkcs8PemIsReadWithItsThumbprintAsKeyId() throws Exception {
		RSAKey key = RsaKeys.generate();
		String pem = RsaKeys.toPem(key);
		String thumbprint = key.computeThumbprint().toString();

		assertThat(SigningKeyConfiguration.configuredKey(pem)).hasValueSatisfying((read) -> {
			assertThat(read.getKeyID()).isEqualTo(key.getKeyID()).isEqualTo(thumbprint);
			assertThat(read.isPrivate()).isTrue();
		});
		assertThat(SigningKeyConfiguration.configuredKey(pem.replace("\n", "\\n"))).as("a PEM squeezed onto one line")
			.hasValueSatisfying((read) -> assertThat(read.getKeyID()).isEqualTo(key.getKeyID()));
	}

	@Test
	void unusableKeysStopStartUpNamingTheVariableWithoutQuotingIt() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(1024);
		String weak = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		String garbage = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldC1zZWNyZXQ=\n-----END PRIVATE KEY-----";

		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SigningKeyConfiguration.configuredKey(weak))
			.withMessageContaining("AUTH_SIGNING_KEY")
			.withMessageContaining("1024 bits");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SigningKeyConfiguration.configuredKey(garbage))
			.withMessageContaining("AUTH_SIGNING_KEY")
			.withMessageNotContaining("c2VjcmV0");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SigningKeyConfiguration
				.configuredKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
			.withMessageContaining("PKCS#1");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SigningKeyConfiguration.configuredKey("hunter2-not-a-pem"))
			.satisfies((ex) -> assertThat(ex.variable()).isEqualTo("AUTH_SIGNING_KEY"))
			.withMessageNotContaining("hunter2");
	}

	@Test
	void aBadKeyStopsStartUpBeforeWaitingForTheDatabase() {
		long started = System.nanoTime();
		Throwable failure = catchThrowable(() -> AuthInstance
			.startOn("postgresql://auth_svc:pw@127.0.0.1:1/auth_db", "--DATABASE_STARTUP_TIMEOUT=30",
					"--AUTH_SIGNING_KEY=not a key")
			.close());

		InvalidSettingException invalid = CauseChain.find(failure, InvalidSettingException.class).orElse(null);
		assertThat(invalid).as("start-up fails with an InvalidSettingException").isNotNull();
		assertThat(invalid.variable()).isEqualTo("AUTH_SIGNING_KEY");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
	}

	@Test
	void anInstanceWithAConfiguredKeySignsWithItAndStillAcceptsDatabaseKeyTokens() throws Exception {
		RSAKey configured = RsaKeys.generate();
		AuthApi shared = api();
		String email = AuthApi.uniqueEmail("configured");
		shared.registered(email, PASSWORD);
		String fromDatabaseKey = shared.loggedIn(email, PASSWORD).accessToken();

		try (AuthInstance instance = AuthInstance.start("--AUTH_SIGNING_KEY=" + RsaKeys.toPem(configured))) {
			AuthApi api = instance.api();
			JWKSet published = JWKSet.parse(api.get("/.well-known/jwks.json", null).body());
			assertThat(published.getKeyByKeyId(configured.getKeyID())).isNotNull();

			SignedJWT token = SignedJWT.parse(api.loggedIn(email, PASSWORD).accessToken());
			assertThat(token.getHeader().getKeyID()).isEqualTo(configured.getKeyID());
			assertThat(token.verify(new RSASSAVerifier(configured.toRSAPublicKey()))).isTrue();

			assertThat(api.me(fromDatabaseKey).status()).isEqualTo(200);
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM signing_keys WHERE kid = :kid")
			.param("kid", configured.getKeyID())
			.query(Long.class)
			.single()).as("a configured key is not copied into the database").isZero();
	}

}
