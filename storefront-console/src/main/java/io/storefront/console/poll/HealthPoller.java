package io.storefront.console.poll;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.NestedExceptionUtils;

import io.storefront.console.poll.Observation.DatabaseLink;
import io.storefront.console.settings.ServiceTarget;

/**
 * One poll of one service instance: {@code GET /health}, {@code /health/detailed} (with
 * the details token) and {@code /metrics} at once, all under one deadline. Whatever comes
 * back (an answer, garbage, an error, or nothing in time) becomes an {@link Observation};
 * a poll never waits past its deadline. A {@code /health} that says unhealthy is passed
 * on at once, before the slower answers: nothing they say can make it healthy again.
 */
public class HealthPoller implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * The most of one answer that is read: a service's {@code /metrics}, the largest, is
	 * some tens of KiB.
	 */
	static final int MAX_BODY = 1024 * 1024;

	/**
	 * What {@code /health/detailed} may say; a report saying anything else is garbage.
	 */
	private static final Set<String> OVERALL_STATUSES = Set.of("healthy", "degraded", "unhealthy");

	/** Garbage is quoted in the problem up to this many characters. */
	private static final int QUOTED = 60;

	private final HttpClient client;

	private final Duration deadline;

	private final Optional<String> detailsToken;

	private final Clock clock;

	public HealthPoller(Duration deadline, Optional<String> detailsToken, Clock clock) {
		this.deadline = deadline;
		this.detailsToken = detailsToken;
		this.clock = clock;
		this.client = HttpClient.newBuilder()
			// plain HTTP/1.1: no h2c upgrade offered on every poll to services and
			// proxies that do not speak it
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(deadline)
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build();
	}

	public Observation poll(ServiceTarget target) {
		return poll(target, (early) -> {
		});
	}

	/**
	 * @param early given what {@code /health} alone says, when it says unhealthy while
	 * the other answers are still awaited
	 */
	public Observation poll(ServiceTarget target, Consumer<Observation> early) {
		Instant at = this.clock.instant();
		long start = System.nanoTime();
		long end = start + this.deadline.toNanos();
		CompletableFuture<HttpResponse<byte[]>> health = get(target.resolve("/health"), false);
		CompletableFuture<HttpResponse<byte[]>> detailed = get(target.resolve("/health/detailed"), true);
		CompletableFuture<HttpResponse<byte[]>> metrics = get(target.resolve("/metrics"), false);
		Reply healthReply = await(health, end);
		Duration latency = Duration.ofNanos(healthReply.finishedAt() - start);
		if (healthReply.response() != null && !(detailed.isDone() && metrics.isDone())) {
			Observation first = interpret(at, healthReply.response(), latency, Reply.AWAITED, Reply.AWAITED);
			if (first.answer() == Health.UNHEALTHY) {
				early.accept(first);
			}
		}
		Reply detailedReply = await(detailed, end);
		Reply metricsReply = await(metrics, end);
		if (healthReply.response() == null) {
			return Observation.noAnswer(at, healthReply.problem());
		}
		return interpret(at, healthReply.response(), latency, detailedReply, metricsReply);
	}

	private Observation interpret(Instant at, HttpResponse<byte[]> health, Duration latency, Reply detailed,
			Reply metrics) {
		JsonNode body = json(health.body());
		String status = (body != null) ? body.path("status").asString("") : "";
		if (!(status.equals("healthy") || status.equals("unhealthy"))) {
			return Observation.noAnswer(at,
					"/health answered garbage: HTTP " + health.statusCode() + " " + quote(health.body()));
		}
		JsonNode database = body.path("database");
		DatabaseLink link = new DatabaseLink(text(database, "database_name"), text(database, "status"),
				text(database, "error"));
		JsonNode document = null;
		String detailedProblem = detailed.problem();
		if (detailed.response() != null) {
			HttpResponse<byte[]> response = detailed.response();
			JsonNode parsed = json(response.body());
			if (response.statusCode() == 401) {
				detailedProblem = "/health/detailed refused the details token (HTTP 401): set STOREFRONT_CONSOLE_DETAILS_TOKEN to the services' HEALTH_DETAILS_TOKEN";
			}
			else if (parsed == null || !OVERALL_STATUSES.contains(parsed.path("overall_status").asString(""))) {
				detailedProblem = "/health/detailed answered garbage: HTTP " + response.statusCode() + " "
						+ quote(response.body());
			}
			else {
				document = parsed;
			}
		}
		Health answer = status.equals("healthy") ? Health.HEALTHY : Health.UNHEALTHY;
		String problem = (answer == Health.UNHEALTHY)
				? "database unreachable" + ((link.error() != null) ? ": " + link.error() : "") : null;
		if (answer == Health.HEALTHY && document != null
				&& "degraded".equals(document.path("overall_status").asString(""))) {
			answer = Health.DEGRADED;
			problem = DegradedReason.of(document);
		}
		if (answer == Health.HEALTHY && document != null
				&& "unhealthy".equals(document.path("overall_status").asString(""))) {
			answer = Health.UNHEALTHY;
			problem = DegradedReason.of(document);
		}
		String scrape = (metrics.response() != null && metrics.response().statusCode() == 200)
				? new String(metrics.response().body(), StandardCharsets.UTF_8) : null;
		return new Observation(at, answer, problem, latency, text(body, "version"), link, document, detailedProblem,
				(scrape != null) ? BreakerState.from(scrape) : null,
				(scrape != null) ? ProcessStart.from(scrape) : null);
	}

	private CompletableFuture<HttpResponse<byte[]>> get(URI uri, boolean withToken) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(this.deadline).GET();
		if (withToken) {
			this.detailsToken.ifPresent((token) -> request.header("Authorization", "Bearer " + token));
		}
		return this.client.sendAsync(request.build(), new BoundedBody(MAX_BODY));
	}

	private Reply await(CompletableFuture<HttpResponse<byte[]>> future, long end) {
		try {
			HttpResponse<byte[]> response = future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
			return new Reply(response, null, System.nanoTime());
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			return new Reply(null, "no answer within " + seconds(this.deadline), System.nanoTime());
		}
		catch (ExecutionException ex) {
			return new Reply(null, describe(ex.getCause()), System.nanoTime());
		}
		catch (CancellationException ex) {
			return new Reply(null, "poll cancelled", System.nanoTime());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			return new Reply(null, "poll interrupted", System.nanoTime());
		}
	}

	private String describe(Throwable failure) {
		if (failure instanceof BoundedBody.TooLargeException) {
			return failure.getMessage();
		}
		if (failure instanceof HttpConnectTimeoutException) {
			return "no connection within " + seconds(this.deadline);
		}
		if (failure instanceof HttpTimeoutException) {
			return "no answer within " + seconds(this.deadline);
		}
		if (failure instanceof ConnectException) {
			Throwable root = NestedExceptionUtils.getRootCause(failure);
			// The JDK's client says only "ConnectException" for a name that does not
			// resolve too: a typo in the URL is not a stopped service.
			return (root instanceof UnresolvedAddressException || root instanceof UnknownHostException)
					? "the host name does not resolve" : "connection refused";
		}
		if (failure instanceof IOException) {
			String message = failure.getMessage();
			return "connection failed" + ((message != null && !message.isBlank()) ? ": " + message
					: " (" + failure.getClass().getSimpleName() + ")");
		}
		return "poll failed: " + failure;
	}

	private static JsonNode json(byte[] body) {
		try {
			JsonNode node = JSON.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isString() || value.isNumber()) ? value.asString() : null;
	}

	private static String quote(byte[] body) {
		if (body.length == 0) {
			return "(empty body)";
		}
		String text = new String(body, 0, Math.min(body.length, QUOTED * 4), StandardCharsets.UTF_8).strip()
			.replaceAll("\\s+", " ");
		return "\"" + ((text.length() > QUOTED) ? text.substring(0, QUOTED) + "…" : text) + "\"";
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
	}

	@Override
	public void close() {
		this.client.close();
	}

	private record Reply(HttpResponse<byte[]> response, String problem, long finishedAt) {

		static final Reply AWAITED = new Reply(null, "its answer is still awaited", 0);

	}

	/** The lines of {@code /metrics} that name a circuit breaker's current state. */
	static final class BreakerState {

		private static final String METRIC = "resilience4j_circuitbreaker_state{";

		private BreakerState() {
		}

		/**
		 * {@code closed}, {@code open}, … (one per breaker, joined), or {@code null} if
		 * there is none.
		 */
		static String from(String metrics) {
			List<String> states = new ArrayList<>();
			metrics.lines().filter((line) -> line.startsWith(METRIC)).forEach((line) -> {
				int close = line.indexOf('}');
				String value = line.substring(close + 1).strip();
				if (close > 0 && (value.startsWith("1.0") || value.equals("1"))) {
					label(line.substring(METRIC.length(), close), "state").ifPresent(states::add);
				}
			});
			return states.isEmpty() ? null : String.join(", ", states);
		}

		private static Optional<String> label(String labels, String name) {
			for (String pair : labels.split(",")) {
				int equals = pair.indexOf('=');
				if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
					return Optional.of(pair.substring(equals + 1).strip().replace("\"", ""));
				}
			}
			return Optional.empty();
		}

	}

	/** The line of {@code /metrics} that says when the service's process started. */
	static final class ProcessStart {

		private static final String METRIC = "process_start_time_seconds";

		/**
		 * 10000-01-01T00:00:00Z: a later instant is written in JSON as {@code +10000-…},
		 * which no browser reads as a time.
		 */
		private static final double LAST_WRITABLE_SECOND = 253402300800d;

		private ProcessStart() {
		}

		/**
		 * The start, from seconds since the epoch as Prometheus' text format writes them
		 * ({@code 1764849123.456}, {@code 1.764849123456E9}), or {@code null} if there is
		 * no such line or its value is no time.
		 */
		static Instant from(String metrics) {
			return metrics.lines()
				.filter((line) -> line.startsWith(METRIC + "{") || line.startsWith(METRIC + " "))
				.findFirst()
				.map(ProcessStart::value)
				.orElse(null);
		}

		private static Instant value(String line) {
			int close = line.indexOf('}');
			String[] fields = line.substring((close > 0) ? close + 1 : METRIC.length()).strip().split("\\s+");
			try {
				double seconds = Double.parseDouble(fields[0]);
				// to the millisecond, as Micrometer has it from the JVM: one process, one
				// instant
				return (seconds > 0 && seconds < LAST_WRITABLE_SECOND)
						? Instant.ofEpochMilli(Math.round(seconds * 1000)) : null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
