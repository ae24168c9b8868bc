package io.storefront.web.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.web.SampleWebApplication;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code WWW-Authenticate} challenges of RFC 6750 say what is wrong in the
 * specification's terms, never in the JWT library's; a token counts only in its one
 * canonical spelling.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service",
				"logging.level.io.storefront.web.security.ProblemAuthenticationEntryPoint=debug" })
@ExtendWith(OutputCaptureExtension.class)
class BearerChallengeTests {

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
	void everyInvalidTokenIsChallengedInTheSameWordsAsTheProblem() throws Exception {
		for (String token : List.of(tokens.expired("alice"), tokens.tampered("alice"), tokens.algNone("alice"),
				tokens.signedByUnknownKey("alice"), "header.payload.signature")) {
			HttpResponse<String> response = get("/private/me", token);

			assertThat(response.statusCode()).as(token).isEqualTo(401);
			assertThat(response.headers().allValues("WWW-Authenticate")).as(token)
				.containsExactly(invalidTokenChallenge());
			assertThat(JsonMapper.shared().readTree(response.body()).get("detail").asString())
				.isEqualTo("the bearer token is invalid or expired");
		}
	}

	/**
	 * What a client most often sends by mistake: the token still in its JSON string's
	 * quotes, the {@code null} a failed login left, something else entirely. The problem
	 * says it is no JWT at all; the challenge stays the one every invalid token gets.
	 */
	@ParameterizedTest(name = "Bearer {0}")
	@ValueSource(strings = { "\"GENUINE\"", "null", "not-a-jwt", "two.parts", "four.parts.in.all" })
	void aBearerThatIsNoJwtAtAllIsSaidToBeNone(String sent) throws Exception {
		HttpResponse<String> response = get("/private/me", sent.replace("GENUINE", tokens.user("alice")));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(invalidTokenChallenge());
		assertThat(JsonMapper.shared().readTree(response.body()).get("detail").asString())
			.isEqualTo("the bearer token is not a JWT (three base64url parts joined by dots): "
					+ "was it sent in quotes, or is it empty or the null a failed login left?");
	}

	@Test
	void theDecodersReasonIsLoggedAtDebug(CapturedOutput output) throws Exception {
		assertThat(get("/private/me", tokens.tampered("bob")).statusCode()).isEqualTo(401);

		assertThat(output.getOut()).contains("refused a bearer token").contains("Invalid signature");
	}

	@Test
	void aTokenIsAcceptedOnlyInItsCanonicalSpelling() throws Exception {
		String genuine = tokens.user("carol");
		assertThat(get("/private/me", genuine).statusCode()).as("the genuine token, verified and remembered")
			.isEqualTo(200);

		List<String> otherSpellings = new ArrayList<>(TestTokens.otherSpellings(genuine));
		otherSpellings.add(genuine.replace('-', '+').replace('_', '/'));
		otherSpellings.remove(genuine);
		for (String token : otherSpellings) {
			HttpResponse<String> response = get("/private/me", token);

			assertThat(response.statusCode()).as(token).isEqualTo(401);
			assertThat(response.headers().allValues("WWW-Authenticate")).as(token)
				.containsExactly(invalidTokenChallenge());
		}
		assertThat(get("/private/me", genuine).statusCode()).isEqualTo(200);
	}

	/**
	 * RFC 6750's {@code "Bearer" 1*SP b64token}: any number of spaces, and a scheme in
	 * any case (RFC 9110, section 11.1).
	 */
	@ParameterizedTest(name = "{0}<token>")
	@ValueSource(strings = { "Bearer  ", "Bearer     ", "bearer ", "BEARER   " })
	void aTokenIsReadAfterAnyNumberOfSpacesAndAnySpellingOfTheScheme(String scheme) throws Exception {
		HttpResponse<String> response = send("/private/me", scheme + tokens.user("erin"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("me");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "not a token", "to.ken with spaces", "token, Bearer other" })
	void aMalformedTokenIsRefusedAlikeAfterOneSpaceOrMany(String malformed) throws Exception {
		HttpResponse<String> afterOne = send("/private/me", "Bearer " + malformed);
		HttpResponse<String> afterMany = send("/private/me", "Bearer   " + malformed);

		assertThat(afterOne.statusCode()).isEqualTo(401);
		assertThat(afterMany.statusCode()).isEqualTo(401);
		assertThat(afterMany.headers().allValues("WWW-Authenticate"))
			.isEqualTo(afterOne.headers().allValues("WWW-Authenticate"))
			.singleElement()
			.satisfies((challenge) -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
		assertThat(afterMany.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(afterMany.body()).isEqualTo(afterOne.body());
	}

	@Test
	void aTokenWithoutTheRoleIsChallengedForInsufficientScope() throws Exception {
		HttpResponse<String> response = get("/admin/settings", tokens.user("dave"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer error=\"insufficient_scope\""));
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(JsonMapper.shared().readTree(response.body()).get("status").asInt()).isEqualTo(403);
		assertThat(JsonMapper.shared().readTree(response.body()).get("detail").asString())
			.isEqualTo("this needs a token with the admin role");
	}

	@Test
	void noTokenIsChallengedWithoutAnError() throws Exception {
		HttpResponse<String> response = get("/private/me", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer resource_metadata=\""
				+ "http://localhost:" + this.port + "/.well-known/oauth-protected-resource\"");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Basic YWxpY2U6c2VjcmV0", "Digest username=\"alice\"", "Token abc" })
	void credentialsOfAnotherSchemeAreChallengedLikeNoTokenAndSaidToBeNoToken(String authorization) throws Exception {
		HttpResponse<String> response = send("/private/me", authorization);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer resource_metadata=\""
				+ "http://localhost:" + this.port + "/.well-known/oauth-protected-resource\"");
		assertThat(JsonMapper.shared().readTree(response.body()).get("detail").asString())
			.isEqualTo("a bearer token is required: the Authorization header holds credentials of another scheme");
	}

	private String invalidTokenChallenge() {
		return "Bearer error=\"invalid_token\", error_description=\"the bearer token is invalid or expired\", "
				+ "error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\", resource_metadata=\"http://localhost:"
				+ this.port + "/.well-known/oauth-protected-resource\"";
	}

	private HttpResponse<String> get(String path, String token) throws Exception {
		return send(path, (token != null) ? "Bearer " + token : null);
	}

	private HttpResponse<String> send(String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
