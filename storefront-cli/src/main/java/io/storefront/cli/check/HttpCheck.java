package io.storefront.cli.check;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a running service's {@code /health} and {@code /health/detailed} (with the
 * {@code HEALTH_DETAILS_TOKEN} of its env file, else of the environment, as
 * {@code ./storefront up} passes its own to the services) and checks that the right
 * service answers, on the right database, and calls itself healthy.
 */
final class HttpCheck {

	private static final String TOKEN = "HEALTH_DETAILS_TOKEN";

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private static final Set<String> HEALTH_STATUSES = Set.of("healthy", "degraded", "unhealthy");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private final ObjectMapper json = JsonMapper.builder().build();

	private final Optional<String> environmentToken;

	/**
	 * @param environmentToken {@code HEALTH_DETAILS_TOKEN} of the environment, if set
	 */
	HttpCheck(Optional<String> environmentToken) {
		this.environmentToken = environmentToken.filter((token) -> !token.isBlank());
	}

	HttpReport run(ServiceTarget target) {
		String base = "http://localhost:" + target.httpPort();
		Optional<String> fileToken = (target.settings() != null) ? target.settings().healthDetailsToken()
				: Optional.empty();
		Optional<String> token = fileToken.or(() -> this.environmentToken);
		String tokenSource = fileToken.isPresent() ? TOKEN + " in " + target.envFile().getFileName()
				: TOKEN + " of the environment";
		String expectedDatabase = (target.settings() != null) ? target.settings().database().database()
				: target.service().databaseName();
		HttpReport.Endpoint health = call(base + "/health", Optional.empty(),
				(status, body) -> judgeHealth(target, status, body));
		HttpReport.Endpoint detailed = call(base + "/health/detailed", token, (status, body) -> judgeDetailed(target,
				expectedDatabase, status, body, token.isPresent() ? tokenSource : null));
		return new HttpReport(health.ok() && detailed.ok(), health, detailed);
	}

	private HttpReport.Endpoint call(String url, Optional<String> token, Judge judge) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
		token.ifPresent((value) -> request.header("Authorization", "Bearer " + value));
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			double latency = Math.round((System.nanoTime() - start) / 10_000.0) / 100.0;
			JsonNode body = parse(response.body());
			Verdict verdict = judge.judge(response.statusCode(), body);
			return new HttpReport.Endpoint(url, verdict.error() == null, response.statusCode(), verdict.result(),
					latency, verdict.error());
		}
		catch (HttpConnectTimeoutException ex) {
			return unreachable(url, "no answer within 3 s (is the service running?)");
		}
		catch (HttpTimeoutException ex) {
			return unreachable(url, "no answer within " + TIMEOUT.toSeconds() + " s");
		}
		catch (ConnectException ex) {
			return unreachable(url, "connection refused (is the service running?)");
		}
		catch (IOException ex) {
			return unreachable(url, "not reachable: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " " + ex.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return unreachable(url, "interrupted");
		}
	}

	private static HttpReport.Endpoint unreachable(String url, String reason) {
		return new HttpReport.Endpoint(url, false, null, null, null, reason);
	}

	private JsonNode parse(String body) {
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return this.json.missingNode();
		}
	}

	private static Verdict judgeHealth(ServiceTarget target, int status, JsonNode body) {
		String result = text(body, "status");
		if (status == 200 && (result == null || !HEALTH_STATUSES.contains(result))) {
			return new Verdict(result, "HTTP 200 but not a Storefront health answer (JSON with a status of "
					+ "healthy, degraded or unhealthy): is another program on port " + target.httpPort() + "?");
		}
		Optional<String> wrongService = wrongService(target, body);
		if (wrongService.isPresent()) {
			return new Verdict(result, wrongService.get());
		}
		if (status == 200 && "healthy".equals(result)) {
			return new Verdict(result, null);
		}
		String reason = text(body.path("database"), "error");
		return new Verdict(result, "HTTP " + status + ((result != null) ? " " + result : "") + ((reason != null)
				? ": database " + text(body.path("database"), "status") + " (" + reason + ")" : ""));
	}

	/**
	 * @param sentToken where the token sent came from, or {@code null} when none was sent
	 */
	private static Verdict judgeDetailed(ServiceTarget target, String expectedDatabase, int status, JsonNode body,
			String sentToken) {
		if (status == 401) {
			return new Verdict(null,
					"HTTP 401: " + ((sentToken != null) ? sentToken + " is not the service's token"
							: "the service wants a token; put " + TOKEN + " in " + target.envFile().getFileName()
									+ " or export it"));
		}
		String result = text(body, "overall_status");
		Optional<String> wrongService = wrongService(target, body);
		if (wrongService.isPresent()) {
			return new Verdict(result, wrongService.get());
		}
		String database = text(body, "database_name");
		if (database != null && !database.equals(expectedDatabase)) {
			return new Verdict(result,
					"the service uses database " + database + ", its env file names " + expectedDatabase);
		}
		if (status == 200 && "healthy".equals(result)) {
			return new Verdict(result, null);
		}
		List<String> reasons = new ArrayList<>();
		body.path("operation_tests").properties().forEach((Map.Entry<String, JsonNode> test) -> {
			if (test.getValue().isBoolean() && !test.getValue().asBoolean()) {
				reasons.add(test.getKey() + " failed");
			}
		});
		int waiting = body.path("pool_status").path("threads_awaiting_connection").asInt(0);
		if (waiting > 0) {
			reasons.add(waiting + " threads awaiting a connection");
		}
		body.path("errors")
			.properties()
			.forEach((Map.Entry<String, JsonNode> error) -> reasons.add(error.getKey() + ": "
					+ (error.getValue().isValueNode() ? error.getValue().asString("") : error.getValue().toString())));
		return new Verdict(result, "HTTP " + status + ((result != null) ? " " + result : "")
				+ (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")"));
	}

	private static Optional<String> wrongService(ServiceTarget target, JsonNode body) {
		String service = text(body, "service");
		if (service != null && !service.equals(target.service().name())) {
			return Optional
				.of("port " + target.httpPort() + " answers as " + service + ", not " + target.service().name());
		}
		return Optional.empty();
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isString()) ? value.asString() : null;
	}

	private record Verdict(String result, String error) {
	}

	@FunctionalInterface
	private interface Judge {

		Verdict judge(int status, JsonNode body);

	}

}
