package io.storefront.product.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.storefront.product.ProductApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code HEALTH_DETAILS_TOKEN}, {@code /health/detailed} is open and reads no
 * token, so whatever Authorization headers a probe carries, however many, do not matter.
 */
class OpenHealthDetailsTests extends ProductApiTestSupport {

	@Test
	void anOpenDetailedHealthAnswersWhateverAuthorizationHeadersCome() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health/detailed"))
			.header("Authorization", "Bearer one")
			.header("Authorization", "Bearer two")
			.GET());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(body(response).get("overall_status").asString()).isEqualTo("healthy");
	}

}
