package io.storefront.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three kinds of database 503 (contract section 4), told apart in the body:
 * unavailable, overloaded, and a commit whose outcome is unknown
 * ({@link DatabaseFailureLogTests}: not logged once per request). And the other
 * dependency every service has: a token that cannot be checked because the JWKS is
 * unreachable.
 */
@Tag("reliability")
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json" })
class DatabaseFailureResponsesTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					down   | the database is unavailable; retry shortly
					lost   | the database is unavailable; retry shortly
					busy   | the service is overloaded: no database connection became free in time; retry shortly
					commit | the database connection was lost while the change was being committed, so it may or may not have been saved; read it back before retrying
					""")
	void eachDatabaseFailureIsA503ProblemSayingWhichKind(String failure, String detail) throws Exception {
		HttpResponse<String> response = get("/database/" + failure);

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("title").asString()).isEqualTo("Service Unavailable");
		assertThat(problem.get("detail").asString()).isEqualTo(detail);
		assertThat(problem.has("outcome")).isEqualTo(failure.equals("commit"));
		if (failure.equals("commit")) {
			assertThat(problem.get("outcome").asString()).isEqualTo("unknown");
		}
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("57P01").doesNotContain("I/O error");
	}

	/** This context's AUTH_JWKS_URL points at a closed port: no key was ever fetched. */
	@Test
	void aTokenThatCannotBeCheckedBecauseTheJwksIsUnreachableIs503NotA401() throws Exception {
		try (TestTokens tokens = TestTokens.start()) {
			HttpResponse<String> response = client
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/private/me"))
					.header("Authorization", "Bearer " + tokens.user())
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(json.readTree(response.body()).get("detail").asString())
				.isEqualTo("the token could not be verified because the signing keys are unavailable; retry shortly");
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
