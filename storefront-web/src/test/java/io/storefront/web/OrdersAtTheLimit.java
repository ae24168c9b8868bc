package io.storefront.web;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders of a given size for the request body limit's tests, and what each path a body is
 * read on must answer them: the order itself, created, or 413 naming the limit.
 */
final class OrdersAtTheLimit {

	private static final String ORDER = "{\"product_name\":\"x\",\"quantity\":2}";

	private OrdersAtTheLimit() {
	}

	/** A valid order padded with spaces to {@code size} bytes. */
	static byte[] order(int size) {
		return (ORDER + " ".repeat(size - ORDER.length())).getBytes(StandardCharsets.US_ASCII);
	}

	static void assertServed(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.body()).contains("\"quantity\":2");
	}

	static void assertTooLarge(HttpResponse<String> response, int limit) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.body()).contains("\"detail\":\"the request body is larger than " + limit + " bytes\"");
	}

}
