package io.storefront.auth.key;

import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.Jwt;

import io.storefront.auth.AuthApi;
import io.storefront.auth.AuthApi.Response;
import io.storefront.auth.AuthServiceTestSupport;
import io.storefront.web.security.JwksJwtDecoders;

import static org.assertj.core.api.Assertions.assertThat;

class JwksTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "jwks-password-1";

	@Test
	void jwksPublishesPublicRsaSigningKeysOnly() {
		Response jwks = api().get("/.well-known/jwks.json", null);

		assertThat(jwks.status()).isEqualTo(200);
		assertThat(jwks.header("Content-Type")).startsWith("application/json");
		assertThat(jwks.header("Cache-Control")).as("cacheable for 5 minutes, as documented")
			.isEqualTo("max-age=300, public");
		JsonNode keys = jwks.json().get("keys");
		assertThat(keys.size()).isPositive();
		for (JsonNode key : keys) {
			assertThat(key.get("kty").asString()).isEqualTo("RSA");
			assertThat(key.get("alg").asString()).isEqualTo("RS256");
			assertThat(key.get("use").asString()).isEqualTo("sig");
			assertThat(key.get("kid").asString()).isNotBlank();
			assertThat(key.has("n")).isTrue();
			assertThat(key.has("e")).isTrue();
			assertThat(key.has("d")).as("private exponent").isFalse();
			assertThat(key.has("p")).isFalse();
			assertThat(key.has("q")).isFalse();
		}
	}

	@Test
	void aLoginTokenVerifiesAgainstTheJwksIndependently() throws Exception {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("jwks");
		String id = api.registered(email, PASSWORD).get("id").asString();
		String accessToken = api.loggedIn(email, PASSWORD).accessToken();

		JWKSet published = JWKSet.parse(api.get("/.well-known/jwks.json", null).body());
		SignedJWT jwt = SignedJWT.parse(accessToken);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		RSAKey key = (RSAKey) published.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).as("the token's kid is published").isNotNull();
		assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("auth-service");
		assertThat(claims.getSubject()).isEqualTo(id);
		assertThat(claims.getStringListClaim("roles")).containsExactly("user");
		assertThat(claims.getStringClaim("email")).isEqualTo(email);
		assertThat(claims.getStringClaim("sid")).isNotBlank();
		assertThat(claims.getJWTID()).isNotBlank();
		long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
		assertThat(lifetime).isEqualTo(15 * 60 * 1000);
		assertThat(claims.getIssueTime()).isCloseTo(new Date(), 10_000);
	}

	@Test
	void theSharedJwksDecoderOtherServicesUseAcceptsLoginTokens() {
		AuthApi api = api();
		String email = AuthApi.uniqueEmail("jwks-decoder");
		String id = api.registered(email, PASSWORD).get("id").asString();
		String accessToken = api.loggedIn(email, PASSWORD).accessToken();

		Jwt jwt = JwksJwtDecoders.fromUrl("http://localhost:" + this.port + "/.well-known/jwks.json")
			.decode(accessToken);

		assertThat(jwt.getSubject()).isEqualTo(id);
		assertThat(jwt.getClaimAsStringList("roles")).isEqualTo(List.of("user"));
	}

}
