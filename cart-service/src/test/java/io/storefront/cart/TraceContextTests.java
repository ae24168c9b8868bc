package io.storefront.cart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.cart.support.CartApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace id follows a request from the cart to the product service: the cart passes
 * the W3C {@code traceparent} it was given (or one it started) on to its product lookups,
 * and writes the same id in its log lines, so one id finds the request's lines in both
 * services' logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceContextTests extends CartApiTestSupport {

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

	private static final String CALLERS_TRACE = "0af7651916cd43dd8448eb211c80319c";

	private static final String CALLERS_SPAN = "b7ad6b7169203331";

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void theCallersTraceIsPassedOnToTheProductService() throws Exception {
		products.product(501, "Traced kettle", "39.00", "USD", 100);

		int status = addWithTraceparent(tokens.user(newUser()), 501,
				"00-" + CALLERS_TRACE + "-" + CALLERS_SPAN + "-01");

		assertThat(status).isEqualTo(201);
		List<String> passedOn = products.traceparentHeaders();
		assertThat(passedOn).hasSize(1);
		Matcher traceparent = TRACEPARENT.matcher(passedOn.get(0));
		assertThat(traceparent.matches()).as(passedOn.get(0)).isTrue();
		assertThat(traceparent.group(1)).as("the same trace").isEqualTo(CALLERS_TRACE);
		assertThat(traceparent.group(2)).as("the lookup's own span, a child of the caller's")
			.isNotEqualTo(CALLERS_SPAN);
	}

	@Test
	void aRequestWithoutATraceStartsOneThatItsLookupsAndLogLinesShare(CapturedOutput output) {
		products.product(502, "Unlucky kettle", "1.00", "USD", 10);
		products.failWith(500);

		add(tokens.user(newUser()), 502, 1).assertProblem(503);

		List<String> passedOn = products.traceparentHeaders();
		assertThat(passedOn).as("the lookup and its retry").hasSize(2);
		String trace = traceId(passedOn.get(0));
		assertThat(traceId(passedOn.get(1))).isEqualTo(trace);
		JsonNode failed = logLine(output, "product lookup failed: product_id=502");
		assertThat(failed.path("traceId").asString()).isEqualTo(trace);
		assertThat(failed.path("spanId").asString()).matches("[0-9a-f]{16}");
	}

	private int addWithTraceparent(String token, long productId, String traceparent) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/cart/items"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("traceparent", traceparent)
			.POST(HttpRequest.BodyPublishers.ofString("{\"product_id\":" + productId + ",\"quantity\":1}"))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static String traceId(String traceparent) {
		Matcher matcher = TRACEPARENT.matcher(traceparent);
		assertThat(matcher.matches()).as(traceparent).isTrue();
		return matcher.group(1);
	}

}
