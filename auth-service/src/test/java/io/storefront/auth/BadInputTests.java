package io.storefront.auth;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.auth.AuthApi.Response;
import io.storefront.auth.key.SigningKeys;
import io.storefront.web.testing.ApiTraffic;
import io.storefront.web.testing.DeclaredBodyClient;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every endpoint against the inputs clients get wrong: the contract's status, always
 * problem+json, never a 5xx, the offending field named, and nothing written to the
 * database.
 */
@ExtendWith(ApiTraffic.Checked.class)
@Tag("reliability")
class BadInputTests extends AuthServiceTestSupport {

	private static final String JSON = "application/json";

	private static final String OK_EMAIL = "bad-input-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

	private static final String OK_PASSWORD = "bad-input-password";

	private static final String OVERSIZED = "{\"email\":\"a@example.com\",\"password\":\"" + OK_PASSWORD
			+ "\",\"full_name\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";

	private static final TestTokens strangers = TestTokens.start();

	private static volatile String validToken;

	@Autowired
	SigningKeys keys;

	@AfterAll
	static void stopStrangers() {
		strangers.close();
	}

	/** The kinds of Authorization header a case sends. */
	enum Bearer {

		NONE, VALID, TAMPERED, EXPIRED, ALG_NONE, UNKNOWN_KEY

	}

	static Stream<Arguments> cases() {
		return Stream.of(
				// POST /auth/register
				bad("POST", "/auth/register", JSON, "{not json", 400, null),
				bad("POST", "/auth/register", JSON, "", 400, null),
				bad("POST", "/auth/register", JSON, "[]", 400, null),
				bad("POST", "/auth/register", JSON, "\"ann@example.com\"", 400, null),
				bad("POST", "/auth/register", JSON, "{}", 422, "email"),
				bad("POST", "/auth/register", JSON, "{\"password\":\"long-enough-1\"}", 422, "email"),
				bad("POST", "/auth/register", JSON, "{\"email\":\"a@example.com\"}", 422, "password"),
				bad("POST", "/auth/register", JSON, "{\"email\":null,\"password\":\"long-enough-1\"}", 422, "email"),
				bad("POST", "/auth/register", JSON, "{\"email\":123,\"password\":\"long-enough-1\"}", 422, "email"),
				bad("POST", "/auth/register", JSON, "{\"email\":true,\"password\":\"long-enough-1\"}", 422, "email"),
				bad("POST", "/auth/register", JSON, "{\"email\":[\"a@example.com\"],\"password\":\"long-enough-1\"}",
						422, "email"),
				bad("POST", "/auth/register", JSON, "{\"email\":{\"a\":1},\"password\":\"long-enough-1\"}", 422,
						"email"),
				bad("POST", "/auth/register", JSON, "{\"email\":1e999,\"password\":\"long-enough-1\"}", 422, "email"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":99999999999999999999999,\"password\":\"long-enough-1\"}", 422, "email"),
				bad("POST", "/auth/register", JSON, "{\"email\":\"a@example.com\",\"password\":12345678}", 422,
						"password"),
				bad("POST", "/auth/register", JSON, "{\"email\":\"not-an-email\",\"password\":\"long-enough-1\"}", 422,
						"email"),
				bad("POST", "/auth/register", JSON, "{\"email\":\"   \",\"password\":\"long-enough-1\"}", 422, "email"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"" + "a".repeat(250) + "@example.com\",\"password\":\"long-enough-1\"}", 422,
						"email"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"robert'); DROP TABLE users;--@example.com\",\"password\":\"long-enough-1\"}", 422,
						"email"),
				bad("POST", "/auth/register", JSON, "{\"email\":\"a@example.com\",\"password\":\"short\"}", 422,
						"password"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"password\":\"" + "p".repeat(73) + "\"}", 422, "password"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"password\":\"long-enough-1\",\"full_name\":\"" + "n".repeat(201)
								+ "\"}",
						422, "full_name"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"password\":\"long-enough-1\",\"full_name\":{\"first\":\"A\"}}",
						422, "full_name"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"password\":\"long-enough-1\",\"full_name\":7}", 422,
						"full_name"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"password\":\"long-enough-1\",\"full_name\":\"a\\u0000b\"}", 422,
						"full_name"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"password\":\"long-enough-1\",\"full_name\":\"a\\ud800b\"}", 422,
						"full_name"),
				// Text people read back follows the one rule of DisplayText: no terminal
				// escapes, line breaks or bidirectional overrides, not only invisible.
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"password\":\"long-enough-1\",\"full_name\":\"a\\u0007\\u001b[31mred\\nline\"}",
						422, "full_name"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"password\":\"long-enough-1\",\"full_name\":\"\\u202eevil\"}",
						422, "full_name"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"password\":\"long-enough-1\",\"full_name\":\"ann\\u2028example\"}",
						422, "full_name"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"password\":\"long-enough-1\",\"full_name\":\"\\ufeff\\u200b\"}",
						422, "full_name"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a\\u0000@example.com\",\"password\":\"long-enough-1\"}", 422, "email"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"password\":\"long-enough-\\u0000\"}", 422, "password"),
				bad("POST", "/auth/register", JSON,
						"{\"email\":\"a@example.com\",\"email\":\"c@example.com\",\"password\":\"long-enough-1\"}", 400,
						null),
				bad("POST", "/auth/register", "text/plain", "hello", 415, null),
				bad("POST", "/auth/register", "application/xml", "<user/>", 415, null),
				bad("POST", "/auth/register", "application/x-www-form-urlencoded",
						"email=a%40example.com&password=long-enough-1", 415, null),
				bad("GET", "/auth/register", null, null, 405, null),
				bad("PUT", "/auth/register", JSON, "{}", 405, null),
				bad("DELETE", "/auth/register", null, null, 405, null),

				// POST /auth/login
				bad("POST", "/auth/login", JSON, "{not json", 400, null),
				bad("POST", "/auth/login", JSON, "", 400, null), bad("POST", "/auth/login", JSON, "{}", 422, "email"),
				bad("POST", "/auth/login", JSON, "{\"email\":\"" + OK_EMAIL + "\"}", 422, "password"),
				bad("POST", "/auth/login", JSON, "{\"password\":\"" + OK_PASSWORD + "\"}", 422, "email"),
				bad("POST", "/auth/login", JSON, "{\"email\":\"\",\"password\":\"x\"}", 422, "email"),
				bad("POST", "/auth/login", JSON,
						"{\"email\":\"" + "a".repeat(250) + "@example.com\",\"password\":\"x\"}", 422, "email"),
				bad("POST", "/auth/login", JSON, "{\"email\":42,\"password\":\"" + OK_PASSWORD + "\"}", 422, "email"),
				bad("POST", "/auth/login", JSON,
						"{\"email\":\"" + OK_EMAIL + "\",\"password\":[\"" + OK_PASSWORD + "\"]}", 422, "password"),
				bad("POST", "/auth/login", JSON, "{\"email\":\"" + OK_EMAIL + "\",\"password\":1e400}", 422,
						"password"),
				bad("POST", "/auth/login", JSON, "{\"email\":\"' OR '1'='1\",\"password\":\"' OR '1'='1\"}", 401, null),
				bad("POST", "/auth/login", JSON, "{\"email\":\"" + OK_EMAIL + "\",\"password\":\"' OR '1'='1' --\"}",
						401, null),
				bad("POST", "/auth/login", JSON,
						"{\"email\":\"" + OK_EMAIL + "\",\"password\":\"" + "p".repeat(5000) + "\"}", 401, null),
				bad("POST", "/auth/login", JSON, "{\"email\":\"a\\u0000@b.co\",\"password\":\"" + OK_PASSWORD + "\"}",
						422, "email"),
				bad("POST", "/auth/login", JSON, "{\"email\":\"" + OK_EMAIL + "\",\"password\":\"\\udfff\"}", 422,
						"password"),
				bad("POST", "/auth/login", JSON,
						"{\"email\":\"" + OK_EMAIL + "\",\"email\":\"x@example.com\",\"password\":\"" + OK_PASSWORD
								+ "\"}",
						400, null),
				bad("POST", "/auth/login", "text/plain", "hello", 415, null),
				bad("GET", "/auth/login", null, null, 405, null), bad("PATCH", "/auth/login", JSON, "{}", 405, null),

				// POST /auth/refresh
				bad("POST", "/auth/refresh", JSON, "{not json", 400, null),
				bad("POST", "/auth/refresh", JSON, "{}", 422, "refresh_token"),
				bad("POST", "/auth/refresh", JSON, "{\"refresh_token\":\"\"}", 422, "refresh_token"),
				bad("POST", "/auth/refresh", JSON, "{\"refresh_token\":12345}", 422, "refresh_token"),
				bad("POST", "/auth/refresh", JSON, "{\"refresh_token\":{\"token\":\"x\"}}", 422, "refresh_token"),
				bad("POST", "/auth/refresh", JSON, "{\"refresh_token\":\"" + "t".repeat(513) + "\"}", 422,
						"refresh_token"),
				bad("POST", "/auth/refresh", JSON, "{\"refresh_token\":\"never-issued\"}", 401, null),
				bad("POST", "/auth/refresh", JSON, "{\"refresh_token\":\"' OR 1=1; DELETE FROM refresh_tokens; --\"}",
						401, null),
				bad("POST", "/auth/refresh", JSON, "{\"refresh_token\":\"t\\u0000\"}", 422, "refresh_token"),
				bad("POST", "/auth/refresh", "text/plain", "token", 415, null),
				bad("GET", "/auth/refresh", null, null, 405, null),

				// POST /auth/logout
				bad("POST", "/auth/logout", JSON, "{not json", 400, null),
				bad("POST", "/auth/logout", JSON, "{}", 422, "refresh_token"),
				bad("POST", "/auth/logout", null, null, 422, "refresh_token"),
				bad("POST", "/auth/logout", JSON, "{\"refresh_token\":12345}", 422, "refresh_token"),
				bad("POST", "/auth/logout", JSON, "{\"refresh_token\":\"" + "t".repeat(513) + "\"}", 422,
						"refresh_token"),
				bad("POST", "/auth/logout", JSON,
						"{\"refresh_token\":\"'; UPDATE refresh_token_families SET revoked_at = now(); --\"}", 204,
						null),
				bad("POST", "/auth/logout", "text/plain", "token", 415, null),
				bad("POST", "/auth/logout", "application/vnd.example+json", "{}", 415, null),
				bad("GET", "/auth/logout", null, null, 405, null),
				bad("POST", "/auth/logout", null, null, Bearer.TAMPERED, 422, "refresh_token"),
				bad("POST", "/auth/logout", null, null, Bearer.EXPIRED, 422, "refresh_token"),
				bad("POST", "/auth/logout", null, null, Bearer.ALG_NONE, 422, "refresh_token"),

				// GET /auth/me
				bad("GET", "/auth/me", null, null, Bearer.NONE, 401, null),
				bad("GET", "/auth/me", null, null, Bearer.TAMPERED, 401, null),
				bad("GET", "/auth/me", null, null, Bearer.EXPIRED, 401, null),
				bad("GET", "/auth/me", null, null, Bearer.ALG_NONE, 401, null),
				bad("GET", "/auth/me", null, null, Bearer.UNKNOWN_KEY, 401, null),
				bad("HEAD", "/auth/me", null, null, Bearer.NONE, 401, null),
				bad("HEAD", "/auth/me", null, null, Bearer.TAMPERED, 401, null),
				bad("OPTIONS", "/auth/me", null, null, Bearer.NONE, 401, null),
				bad("POST", "/auth/me", JSON, "{}", Bearer.NONE, 401, null),
				bad("POST", "/auth/me", JSON, "{}", Bearer.VALID, 405, null),
				bad("DELETE", "/auth/me", null, null, Bearer.VALID, 405, null),

				// GET /auth/users/{id}
				bad("GET", "/auth/users/not-a-uuid", null, null, Bearer.VALID, 422, "id"),
				bad("GET", "/auth/users/1-2-3-4-5", null, null, Bearer.VALID, 422, "id"),
				bad("GET", "/auth/users/1%27%20OR%20%271%27=%271", null, null, Bearer.VALID, 422, "id"),
				bad("GET", "/auth/users/" + UUID.randomUUID(), null, null, Bearer.NONE, 401, null),
				bad("GET", "/auth/users/" + UUID.randomUUID(), null, null, Bearer.EXPIRED, 401, null),
				bad("HEAD", "/auth/users/" + UUID.randomUUID(), null, null, Bearer.NONE, 401, null),
				bad("OPTIONS", "/auth/users/" + UUID.randomUUID(), null, null, Bearer.NONE, 401, null),
				bad("HEAD", "/auth/users/" + UUID.randomUUID(), null, null, Bearer.VALID, 403, null),
				bad("GET", "/auth/users/" + UUID.randomUUID(), null, null, Bearer.VALID, 403, null),
				bad("DELETE", "/auth/users/" + UUID.randomUUID(), null, null, Bearer.VALID, 405, null),

				// GET /.well-known/jwks.json
				bad("POST", "/.well-known/jwks.json", JSON, "{}", 405, null),
				bad("GET", "/.well-known/jwks.json", null, null, Bearer.TAMPERED, 401, null),

				// Unknown routes
				bad("GET", "/auth", null, null, 404, null), bad("GET", "/auth/nowhere", null, null, 404, null),
				bad("POST", "/auth/register/extra", JSON, "{}", 404, null),
				bad("GET", "/.well-known/openid-configuration", null, null, 404, null),
				bad("GET", "/auth/users", null, null, Bearer.VALID, 404, null));
	}

	private static Arguments bad(String method, String path, String contentType, String body, int status,
			String field) {
		return bad(method, path, contentType, body, Bearer.NONE, status, field);
	}

	private static Arguments bad(String method, String path, String contentType, String body, Bearer bearer, int status,
			String field) {
		return arguments(method, path, contentType, body, bearer, status, field);
	}

	@BeforeEach
	void accountToAttack() {
		if (validToken == null) {
			api().registered(OK_EMAIL, OK_PASSWORD);
			validToken = api().loggedIn(OK_EMAIL, OK_PASSWORD).accessToken();
		}
	}

	@ParameterizedTest(name = "[{index}] {0} {1} ({2}, bearer {4}) -> {5}")
	@MethodSource("cases")
	void isRefusedWithTheContractsStatusAndChangesNothing(String method, String path, String contentType, String body,
			Bearer bearer, int status, String field) {
		Map<String, Long> before = rowCounts();

		Response response = api().send(method, path, contentType, body, token(bearer));

		assertThat(response.status()).as(response.body()).isEqualTo(status).isLessThan(500);
		if (status >= 400 && method.equals("HEAD")) {
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		}
		else if (status >= 400) {
			JsonNode problem = response.problem(status);
			if (field != null) {
				assertThat(problem.get("detail").asString()).contains(field);
				assertThat(problem.get("errors").findValuesAsString("field")).contains(field);
			}
		}
		assertThat(rowCounts()).as("nothing written").isEqualTo(before);
	}

	/**
	 * Refused from its declared length, unread: the body is never sent, as the service
	 * closes the connection at once and a client still writing could have it reset before
	 * it reads the 413 ({@link DeclaredBodyClient}).
	 */
	@ParameterizedTest(name = "POST {0}")
	@ValueSource(strings = { "/auth/register", "/auth/login", "/auth/refresh", "/auth/logout" })
	void aBodyDeclaredOverOneMebibyteIs413AndChangesNothing(String path) {
		Map<String, Long> before = rowCounts();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", JSON)
			.POST(HttpRequest.BodyPublishers.ofString(OVERSIZED))
			.build();

		HttpResponse<String> answer = DeclaredBodyClient.send(request);

		JsonNode problem = new Response(answer.statusCode(), answer.headers(), answer.body()).problem(413);
		assertThat(problem.get("detail").asString()).isEqualTo("the request body is larger than 1048576 bytes");
		assertThat(rowCounts()).as("nothing written").isEqualTo(before);
	}

	/**
	 * A 405 names the route and the methods it takes, in the order of its {@code Allow}
	 * header; Spring's detail named only the method ("Method 'GET' is not supported.").
	 */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			GET    | /auth/register         | POST OPTIONS
			PATCH  | /auth/login            | POST OPTIONS
			DELETE | /auth/me               | GET HEAD OPTIONS
			POST   | /.well-known/jwks.json | GET HEAD OPTIONS
			""")
	void aMethodTheRouteDoesNotTakeIsToldWhichItTakes(String method, String path, String taken) {
		Response response = api().send(method, path, null, null, validToken);

		JsonNode problem = response.problem(405);
		List<String> allowed = List.of(response.header("Allow").split(","));
		assertThat(allowed).containsExactlyInAnyOrder(taken.split(" "));
		assertThat(problem.get("detail").asString())
			.isEqualTo("the route " + path + " takes " + String.join(", ", allowed.subList(0, allowed.size() - 1))
					+ " and " + allowed.getLast() + ", not " + method);
		assertThat(problem.get("instance").asString()).isEqualTo(path);
	}

	/**
	 * A 406 names what the route answers with; Spring's detail was "Acceptable
	 * representations: [application/json].".
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/auth/me", "/.well-known/jwks.json" })
	void anAcceptTheRouteCannotAnswerIsToldWhatItAnswersWith(String path) {
		Response response = api().send("GET", path, null, null, validToken, "text/html");

		assertThat(response.problem(406).get("detail").asString())
			.isEqualTo("this route answers only with application/json, and the Accept header asks for none of it");
	}

	private String token(Bearer bearer) {
		String subject = UUID.randomUUID().toString();
		return switch (bearer) {
			case NONE -> null;
			case VALID -> validToken;
			case TAMPERED -> TokenForgery.tampered(validToken);
			case EXPIRED -> TokenForgery.sign(this.keys.signingKey(), this.keys.signingKey().getKeyID(),
					TokenForgery.claims(subject, Duration.ofMinutes(30), Duration.ofMinutes(15)).build());
			case ALG_NONE -> strangers.algNone(subject);
			case UNKNOWN_KEY -> strangers.signedByUnknownKey(subject);
		};
	}

	private Map<String, Long> rowCounts() {
		return Map.of("users", count("users"), "refresh_tokens", count("refresh_tokens"), "refresh_token_families",
				count("refresh_token_families"), "revoked_families",
				this.jdbc.sql("SELECT count(*) FROM refresh_token_families WHERE revoked_at IS NOT NULL")
					.query(Long.class)
					.single(),
				"used_tokens",
				this.jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE used_at IS NOT NULL")
					.query(Long.class)
					.single(),
				"signing_keys", count("signing_keys"));
	}

}
