package io.storefront.db.health;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import io.storefront.sample.HttpProbe;
import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The health endpoints of contract section 3, field by field, against a running service
 * and database.
 */
class HealthEndpointsTests extends RunningSampleService {

	@Test
	void healthReportsTheServiceAndItsConnectedDatabase() {
		HttpResponse<String> response = http().get("/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(HttpProbe.contentType(response)).startsWith("application/json");
		JsonNode body = HttpProbe.json(response);
		assertThat(fieldNames(body)).containsExactly("status", "service", "version", "database");
		assertThat(body.get("status").isString()).isTrue();
		assertThat(body.get("status").asString()).isEqualTo("healthy");
		assertThat(body.get("service").asString()).isEqualTo("auth-service");
		assertThat(body.get("version").asString()).isEqualTo("1.0.0");
		JsonNode database = body.get("database");
		assertThat(fieldNames(database)).containsExactly("status", "database_name");
		assertThat(database.get("status").asString()).isEqualTo("connected");
		assertThat(database.get("database_name").asString()).isEqualTo("auth_db");
	}

	@Test
	void detailedHealthHasEveryFieldOfTheDesignWithItsType() {
		double before = Instant.now().toEpochMilli() / 1000.0;
		HttpResponse<String> response = http().get("/health/detailed", "Authorization", "Bearer " + DETAILS_TOKEN);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(HttpProbe.contentType(response)).startsWith("application/json");
		JsonNode body = HttpProbe.json(response);
		assertThat(fieldNames(body)).contains("timestamp", "service", "database_name", "overall_status", "pool_status",
				"operation_tests", "database_info");
		assertThat(body.get("timestamp").isFloatingPointNumber()).as("timestamp is fractional epoch seconds").isTrue();
		assertThat(body.get("timestamp").asDouble()).isCloseTo(before, within(10.0));
		assertThat(body.get("service").asString()).isEqualTo("auth-service");
		assertThat(body.get("database_name").asString()).isEqualTo("auth_db");
		assertThat(body.get("overall_status").asString()).isEqualTo("healthy");

		JsonNode pool = body.get("pool_status");
		for (String field : List.of("pool_size", "checked_in_connections", "checked_out_connections",
				"overflow_connections", "total_connections", "max_overflow", "threads_awaiting_connection")) {
			assertThat(pool.get(field)).as(field).isNotNull();
			assertThat(pool.get(field).isIntegralNumber()).as(field + " is a whole number").isTrue();
			assertThat(pool.get(field).asInt()).as(field).isNotNegative();
		}
		assertThat(pool.get("pool_size").asInt()).isEqualTo(10);
		assertThat(pool.get("max_overflow").asInt()).isEqualTo(20);
		assertThat(pool.get("checked_in_connections").asInt() + pool.get("checked_out_connections").asInt())
			.as("checked in + checked out = total")
			.isEqualTo(pool.get("total_connections").asInt());
		assertThat(pool.get("overflow_connections").asInt())
			.isEqualTo(Math.max(0, pool.get("total_connections").asInt() - 10));

		JsonNode operations = body.get("operation_tests");
		assertThat(fieldNames(operations)).containsExactlyInAnyOrder("connection_test", "read_test", "write_test",
				"transaction_test");
		operations.properties().forEach((test) -> {
			assertThat(test.getValue().isBoolean()).as(test.getKey() + " is a boolean").isTrue();
			assertThat(test.getValue().asBoolean()).as(test.getKey()).isTrue();
		});

		JsonNode info = body.get("database_info");
		assertThat(info.get("database_version").asString()).startsWith("PostgreSQL 17");
		assertThat(info.get("database_name").asString()).isEqualTo("auth_db");
		assertThat(info.get("active_connections").isIntegralNumber()).isTrue();
		assertThat(info.get("active_connections").asInt()).as("at least the monitor's own connection").isPositive();
		assertThat(body.toString()).doesNotContain(DETAILS_TOKEN);
	}

	@ParameterizedTest(name = "Authorization: [{0}]")
	@ValueSource(strings = { "", "Bearer wrong-token", "Bearer " + DETAILS_TOKEN + "x", "Basic " + DETAILS_TOKEN,
			DETAILS_TOKEN })
	void detailedHealthRefusesAMissingOrWrongTokenAsProblemJson(String authorization) {
		HttpResponse<String> response = authorization.isEmpty() ? http().get("/health/detailed")
				: http().get("/health/detailed", "Authorization", authorization);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(HttpProbe.contentType(response)).startsWith("application/problem+json");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		JsonNode problem = HttpProbe.json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(401);
		assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
		assertThat(problem.get("type").asString()).as("as every other problem: no page of its own to point at")
			.isEqualTo("about:blank");
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("pool_status").doesNotContain(DETAILS_TOKEN);
	}

	@ParameterizedTest(name = "Authorization: {0} <token>")
	@ValueSource(strings = { "bearer", "BEARER" })
	void theTokensSchemeIsReadInAnyCase(String scheme) {
		HttpResponse<String> response = http().get("/health/detailed", "Authorization", scheme + " " + DETAILS_TOKEN);

		assertThat(response.statusCode()).as("an authentication scheme is case-insensitive (RFC 9110, 11.1)")
			.isEqualTo(200);
		assertThat(HttpProbe.json(response).get("overall_status").asString()).isEqualTo("healthy");
	}

	@ParameterizedTest(name = "Accept: {0}")
	@ValueSource(strings = { "application/problem+json", "application/hal+json", "application/vnd.example+json" })
	void detailedHealthIsNeverLabelledWithAnotherJsonType(String accept) {
		HttpResponse<String> response = http().get("/health/detailed", "Authorization", "Bearer " + DETAILS_TOKEN,
				"Accept", accept);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(406);
		assertThat(HttpProbe.contentType(response)).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain("pool_status");
	}

	@Test
	void theOtherHealthEndpointsNeedNoToken() {
		assertThat(http().status("/health")).isEqualTo(200);
		assertThat(http().status("/health/live")).isEqualTo(200);
		assertThat(http().status("/health/ready")).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "POST, /health", "PUT, /health/live", "DELETE, /health/ready", "PATCH, /health",
			"POST, /health/detailed" })
	void aMethodTheHealthEndpointsDoNotTakeIs405AsProblemJson(String method, String path) {
		HttpResponse<String> response = http().send(method, path);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
		assertThat(HttpProbe.contentType(response)).startsWith("application/problem+json");
		JsonNode problem = HttpProbe.json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(405);
		assertThat(problem.get("instance").asString()).isEqualTo(path);
		assertThat(problem.get("detail").asString())
			.isEqualTo("the route " + path + " takes GET, HEAD and OPTIONS, not " + method);
		assertThat(response.headers().firstValue("Allow"))
			.hasValueSatisfying((allow) -> assertThat(allow).contains("GET").doesNotContain(method));
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}

	@Test
	void optionsOnAProbeSaysWhichMethodsItTakes() {
		HttpResponse<String> response = http().send("OPTIONS", "/health/ready");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
		assertThat(response.body()).isEmpty();
	}

	/**
	 * The probes' OPTIONS is answered by their own filter, ahead of Spring Security; it
	 * carries the headers every other answer does (bad-input.md: only {@code OPTIONS *}
	 * goes without), as {@code OPTIONS /health/detailed} does.
	 */
	@ParameterizedTest(name = "OPTIONS {0}")
	@ValueSource(strings = { "/health", "/health/live", "/health/ready" })
	void optionsOnAProbeCarriesTheSecurityHeadersOfEveryAnswer(String path) {
		HttpResponse<String> response = http().send("OPTIONS", path);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValue("no-cache, no-store, max-age=0, must-revalidate");
	}

	@ParameterizedTest(name = "HEAD {0}")
	@ValueSource(strings = { "/health", "/health/live", "/health/ready" })
	void headOfAProbeHasTheStatusAndLengthOfItsGetButNoBody(String path) {
		HttpResponse<String> get = http().get(path);
		HttpResponse<String> head = http().send("HEAD", path);

		assertThat(head.statusCode()).as("load balancers probe with HEAD").isEqualTo(200);
		assertThat(HttpProbe.contentType(head)).startsWith("application/json");
		assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(get.body().length());
		assertThat(head.body()).isEmpty();
	}

	/**
	 * A probe answers the state of this moment: a cache between the prober and the
	 * service that kept one would report a service ready after it stopped being, or down
	 * after it recovered.
	 */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "GET, /health", "HEAD, /health", "GET, /health/live", "HEAD, /health/live", "GET, /health/ready",
			"HEAD, /health/ready" })
	void noProbeAnswerMayBeStored(String method, String path) {
		HttpResponse<String> response = http().send(method, path);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(cacheDirectives(response)).as("Cache-Control of %s %s", method, path).contains("no-store");
	}

	@Test
	void liveSaysTheProcessServes() {
		HttpResponse<String> response = http().get("/health/live");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(HttpProbe.contentType(response)).startsWith("application/json");
		JsonNode body = HttpProbe.json(response);
		assertThat(body.get("status").asString()).isEqualTo("alive");
		assertThat(body.get("service").asString()).isEqualTo("auth-service");
	}

	@Test
	void readySaysTheDatabaseAnswersAndMigrationsAreApplied() {
		HttpResponse<String> response = http().get("/health/ready");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(HttpProbe.contentType(response)).startsWith("application/json");
		JsonNode body = HttpProbe.json(response);
		assertThat(body.get("status").asString()).isEqualTo("ready");
		assertThat(body.get("service").asString()).isEqualTo("auth-service");
		assertThat(body.get("database").get("status").asString()).isEqualTo("connected");
		assertThat(body.get("migrations").asString()).isEqualTo("applied");
	}

	@Test
	void metricsArePrometheusTextWithThePoolsNumbers() {
		HttpResponse<String> response = http().get("/metrics");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(HttpProbe.contentType(response)).startsWith("text/plain");
		assertThat(response.body()).contains("# TYPE hikaricp_connections gauge")
			.containsPattern("(?m)^hikaricp_connections\\{[^}]*pool=\"auth-service\"[^}]*\\} \\d+")
			.containsPattern("(?m)^hikaricp_connections_max\\{[^}]*pool=\"auth-service\"[^}]*\\} 30\\.0$");
	}

	/**
	 * Refusing JSON takes nothing from the endpoints that write another type, or answer
	 * any {@code Accept}.
	 */
	@Test
	void refusingJsonLeavesMetricsAndHealthAnswering() {
		HttpResponse<String> metrics = http().get("/metrics", "Accept", "application/json;q=0, */*");

		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(HttpProbe.contentType(metrics)).startsWith("text/plain");
		assertThat(http().get("/health", "Accept", "application/json;q=0, */*").statusCode()).isEqualTo(200);
	}

	/**
	 * Prometheus asks for OpenMetrics. Exemplars (the trace of a sample) on a counter's
	 * or summary's {@code _count} make Prometheus before 2.43, Debian 12's 2.42 among
	 * them, drop the whole scrape.
	 */
	@Test
	void metricsAsPrometheusAsksForThemCarryNoExemplars() {
		// A trace the caller sampled: only those are kept as exemplars.
		String sampled = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		assertThat(http().get("/no-such-route", "traceparent", sampled).statusCode()).isEqualTo(404);
		assertThat(http().get("/metrics", "traceparent", sampled).statusCode()).isEqualTo(200);

		HttpResponse<String> response = http().get("/metrics", "Accept",
				"application/openmetrics-text;version=1.0.0;q=0.6,text/plain;version=0.0.4;q=0.5");

		assertThat(HttpProbe.contentType(response)).startsWith("application/openmetrics-text");
		assertThat(response.body()).contains("http_server_requests_seconds_count{").doesNotContain(" # {");
	}

	@Test
	void noOtherActuatorEndpointIsExposed() {
		assertThat(http().status("/actuator/health")).isEqualTo(404);
		assertThat(http().status("/env")).isEqualTo(404);
	}

	private static List<String> cacheDirectives(HttpResponse<String> response) {
		return response.headers()
			.allValues("Cache-Control")
			.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map((directive) -> directive.strip().toLowerCase(Locale.ROOT))
			.toList();
	}

	private static List<String> fieldNames(JsonNode node) {
		return node.properties().stream().map(java.util.Map.Entry::getKey).toList();
	}

}
