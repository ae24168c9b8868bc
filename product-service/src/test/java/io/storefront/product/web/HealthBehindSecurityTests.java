package io.storefront.product.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.storefront.product.ProductApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health endpoints of a service that also verifies JWTs: a bearer token on them is
 * never taken for a JWT, so {@code HEALTH_DETAILS_TOKEN} works as the contract says and a
 * probe that happens to carry some Authorization header is still answered.
 */
@TestPropertySource(properties = "HEALTH_DETAILS_TOKEN=" + HealthBehindSecurityTests.DETAILS_TOKEN)
class HealthBehindSecurityTests extends ProductApiTestSupport {

	static final String DETAILS_TOKEN = "ops-details-7d1f";

	@Test
	void detailedHealthTakesTheDetailsTokenAsABearerToken() {
		HttpResponse<String> response = detailed("Bearer " + DETAILS_TOKEN);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(body(response).get("overall_status").asString()).isEqualTo("healthy");
	}

	@Test
	void detailedHealthRefusesAnythingButTheDetailsToken() {
		for (String authorization : new String[] { null, "Bearer wrong-token", "Bearer " + tokens.admin(),
				"Basic " + DETAILS_TOKEN }) {
			HttpResponse<String> response = detailed(authorization);
			assertProblem(response, 401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"health\"");
		}
	}

	@Test
	void detailedHealthRefusesTwoAuthorizationHeadersEvenWithTheRightToken() {
		String right = "Bearer " + DETAILS_TOKEN;
		for (String[] pair : new String[][] { { right, right }, { "Bearer wrong-token", right },
				{ right, "Bearer wrong-token" } }) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health/detailed"))
				.header("Authorization", pair[0])
				.header("Authorization", pair[1])
				.GET());
			assertProblem(response, 400);
			assertThat(body(response).get("detail").asString())
				.isEqualTo("the request has more than one Authorization header");
		}
	}

	@Test
	void lightProbesAnswerWhateverAuthorizationTheyCarry() {
		for (String path : new String[] { "/health", "/health/ready", "/health/live" }) {
			HttpResponse<String> response = send(
					HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer not.a.jwt").GET());
			assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		}
	}

	@Test
	void headOfALightProbeHasTheStatusAndLengthButNoBody() {
		HttpResponse<String> get = get("/health");
		HttpResponse<String> head = send(
				HttpRequest.newBuilder(uri("/health")).method("HEAD", HttpRequest.BodyPublishers.noBody()));

		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
		assertThat(head.headers().firstValueAsLong("Content-Length"))
			.hasValue(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
	}

	@Test
	void jwtsStillCountOnTheApi() {
		HttpResponse<String> response = send("POST", "/products", "not.a.jwt",
				product(unique("HLT"), "Health", "health").toString());

		assertProblem(response, 401);
	}

	private HttpResponse<String> detailed(String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/health/detailed")).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

}
