package io.storefront.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on a free loopback port that answers {@code /health},
 * {@code /health/detailed} and {@code /metrics} the way a Storefront service does, or the
 * way a broken one does: switch its {@link Mode} while it runs.
 */
public final class FakeService implements AutoCloseable {

	public enum Mode {

		HEALTHY, DEGRADED, DATABASE_DOWN, GARBAGE, SLOW,

		/** Healthy, with a well-formed report of 40 MB, streamed. */
		OVERSIZED,

		/** Healthy, with a report whose overall status is none the services give. */
		UNKNOWN_STATUS,

		/**
		 * The database lost, said by {@code /health} at once; {@code /health/detailed}
		 * and {@code /metrics} take {@link #slowFor} to answer.
		 */
		DATABASE_DOWN_SLOW_REPORT

	}

	private final HttpServer server;

	private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.HEALTHY);

	private final AtomicInteger healthRequests = new AtomicInteger();

	/**
	 * Told of each {@code /health} request as it arrives, with the mode it is answered
	 * in.
	 */
	private volatile Consumer<Mode> onHealthRequest = (mode) -> {
	};

	private final String name;

	private final String detailsToken;

	private volatile long slowMillis = 5_000;

	/** Opened by {@link #answerSlowRequestsNow()}; a new one at each {@link #slowFor}. */
	private volatile CountDownLatch slowRequestsLetGo = new CountDownLatch(1);

	/** Its version, and the error its degraded report gives, as JSON strings. */
	private volatile String version = "\"1.2.3\"";

	private volatile String degradedError = "\"permission denied\"";

	/** The value of {@code process_start_time_seconds}; {@code null}: no such line. */
	private volatile String processStart = String.valueOf(System.currentTimeMillis() / 1000.0);

	private FakeService(String name, String detailsToken) {
		this.name = name;
		this.detailsToken = detailsToken;
		this.server = listening();
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	/** Unchecked, so that a test class can start its services in a static field. */
	public static FakeService start(String name) {
		return new FakeService(name, null);
	}

	/**
	 * Its {@code /health/detailed} needs this token, as a service with
	 * {@code HEALTH_DETAILS_TOKEN} does.
	 */
	public static FakeService startWithDetailsToken(String name, String token) {
		return new FakeService(name, token);
	}

	private static HttpServer listening() {
		try {
			return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public FakeService mode(Mode mode) {
		this.mode.set(mode);
		return this;
	}

	public FakeService slowFor(long millis) {
		this.slowMillis = millis;
		this.slowRequestsLetGo = new CountDownLatch(1);
		return this;
	}

	/**
	 * The slow requests waiting answer at once, and later ones do not wait, until the
	 * next {@link #slowFor}: a test decides when a slow answer comes, whatever the
	 * machine's speed.
	 */
	public FakeService answerSlowRequestsNow() {
		this.slowRequestsLetGo.countDown();
		return this;
	}

	/**
	 * Its {@code /metrics} says this {@code process_start_time_seconds} from now on, as
	 * written (a new value is a new process); {@code null} leaves the line out.
	 */
	public FakeService processStart(String secondsSinceEpoch) {
		this.processStart = secondsSinceEpoch;
		return this;
	}

	/**
	 * Its version and its degraded report's error are this text from now on, as a service
	 * would send any text of its own.
	 */
	public FakeService says(String text) {
		String json = JsonMapper.builder().build().writeValueAsString(text);
		this.version = json;
		this.degradedError = json;
		return this;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public String entry() {
		return this.name + "=" + url();
	}

	public int healthRequests() {
		return this.healthRequests.get();
	}

	/**
	 * Has {@code action} told of each {@code /health} request from now on, as it arrives,
	 * with the mode it is answered in: what the test notes then is ordered against the
	 * poll that sent it, however late a loaded machine lets it arrive.
	 */
	public FakeService onHealthRequest(Consumer<Mode> action) {
		this.onHealthRequest = action;
		return this;
	}

	private void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Mode now = this.mode.get();
		if (path.equals("/health")) {
			this.onHealthRequest.accept(now);
			this.healthRequests.incrementAndGet();
		}
		if (now == Mode.SLOW || (now == Mode.DATABASE_DOWN_SLOW_REPORT && !path.equals("/health"))) {
			try {
				this.slowRequestsLetGo.await(this.slowMillis, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (now == Mode.GARBAGE) {
			send(exchange, 200, "text/html", "<html><body>502 Bad Gateway from some proxy</body></html>");
			return;
		}
		boolean databaseUp = now != Mode.DATABASE_DOWN && now != Mode.DATABASE_DOWN_SLOW_REPORT;
		switch (path) {
			case "/health" -> send(exchange, databaseUp ? 200 : 503, "application/json", databaseUp
					? "{\"status\":\"healthy\",\"service\":\"" + this.name + "\",\"version\":" + this.version
							+ ",\"database\":{\"status\":\"connected\",\"database_name\":\"fake_db\"}}"
					: "{\"status\":\"unhealthy\",\"service\":\"" + this.name + "\",\"version\":" + this.version
							+ ",\"database\":{\"status\":\"disconnected\",\"database_name\":\"fake_db\",\"error\":\"connection refused\"}}");
			case "/health/detailed" -> {
				if (now == Mode.OVERSIZED) {
					oversized(exchange);
				}
				else {
					detailed(exchange, now);
				}
			}
			case "/metrics" -> send(exchange, 200, "text/plain", metrics());
			default -> send(exchange, 404, "text/plain", "not found");
		}
	}

	private String metrics() {
		String start = this.processStart;
		return """
				# HELP resilience4j_circuitbreaker_state The states of the circuit breaker
				resilience4j_circuitbreaker_state{name="product-service",state="closed"} 0.0
				resilience4j_circuitbreaker_state{name="product-service",state="open"} 1.0
				""" + ((start != null) ? """
				# HELP process_start_time_seconds Start time of the process since unix epoch.
				# TYPE process_start_time_seconds gauge
				process_start_time_seconds{application="%s"} %s
				""".formatted(this.name, start) : "");
	}

	private void detailed(HttpExchange exchange, Mode now) throws IOException {
		if (this.detailsToken != null
				&& !("Bearer " + this.detailsToken).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			send(exchange, 401, "application/problem+json", "{\"status\":401}");
			return;
		}
		String overall = switch (now) {
			case DEGRADED -> "degraded";
			case DATABASE_DOWN, DATABASE_DOWN_SLOW_REPORT -> "unhealthy";
			case UNKNOWN_STATUS -> "degraded <b>or not</b>";
			default -> "healthy";
		};
		boolean writeTest = now != Mode.DEGRADED;
		send(exchange, overall.equals("unhealthy") ? 503 : 200, "application/json",
				"""
						{"timestamp":1.5,"service":"%s","database_name":"fake_db","overall_status":"%s",
						"pool_status":{"pool_size":10,"max_overflow":5,"maximum_pool_size":15,"checked_in_connections":7,
						"checked_out_connections":3,"overflow_connections":0,"total_connections":10,
						"threads_awaiting_connection":%d,"connection_timeouts":4},
						"operation_tests":{"connection_test":true,"read_test":true,"write_test":%s,"transaction_test":true},
						"database_info":{"database_version":"PostgreSQL 17.6","database_name":"fake_db","active_connections":12,
						"service_connections":10,"server_connections":31,"max_connections":100,"reserved_connections":3,"pooler":"none"},
						"errors":{%s}}"""
					.formatted(this.name, overall, (now == Mode.DEGRADED) ? 2 : 0, writeTest,
							(now == Mode.DEGRADED) ? "\"write_test\":" + this.degradedError : ""));
	}

	private static void oversized(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, 0);
		byte[] padding = "x".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write("{\"overall_status\":\"healthy\",\"padding\":\"".getBytes(StandardCharsets.US_ASCII));
			for (int i = 0; i < 40; i++) {
				out.write(padding);
			}
			out.write("\"}".getBytes(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			// the poller stopped reading: what it is meant to do
		}
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
