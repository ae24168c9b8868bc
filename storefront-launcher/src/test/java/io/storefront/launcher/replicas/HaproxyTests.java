package io.storefront.launcher.replicas;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.testing.FreePorts;
import io.storefront.launcher.process.ChildProcess;
import io.storefront.launcher.services.ListenAddress;

import static org.assertj.core.api.Assertions.assertThat;

class HaproxyTests {

	private static final List<Haproxy.Backend> BACKENDS = List.of(
			new Haproxy.Backend("auth-service", 8001, List.of(8011, 8012)),
			new Haproxy.Backend("product-service", 8002, List.of(8021, 8022)),
			new Haproxy.Backend("cart-service", 8003, List.of(8031, 8032)));

	private static final Pattern SERVER_DOWN = Pattern.compile("Server [^/]+/(\\S+) is DOWN");

	/** A request's access log line whose retries (%rc) say it was redispatched. */
	private static final Pattern REDISPATCHED = Pattern.compile(" \\d+/\\d+/\\d+/\\d+/\\+\\d+ .*\"(\\S+) ");

	@TempDir
	Path folder;

	@Test
	void theConfigurationIsOneHaproxyAccepts() throws Exception {
		Path configuration = this.folder.resolve("haproxy.cfg");
		Files.writeString(configuration, Haproxy.configuration(BACKENDS, ListenAddress.LOOPBACK));
		Path haproxy = Executables.require(Haproxy.PROGRAM, "haproxy", Executables.searchPath(System.getenv("PATH")));

		Process check = new ProcessBuilder(haproxy.toString(), "-c", "-f", configuration.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(check.getInputStream().readAllBytes());

		assertThat(check.waitFor()).as(output).isZero();
		assertThat(output).doesNotContainIgnoringCase("warning");
	}

	/**
	 * Replicas that take each request and close the connection without an answer, as one
	 * that died between its commit and its answer would: HAProxy sends a GET again, to
	 * the other replica, but never a POST, whose write may already be done.
	 */
	@Test
	void onlyReadsAreSentAgainWhenAReplicaClosesWithoutAnswering() throws Exception {
		Path haproxy = Executables.require(Haproxy.PROGRAM, "haproxy", Executables.searchPath(System.getenv("PATH")));
		try (FakeReplica first = FakeReplica.dying(); FakeReplica second = FakeReplica.dying()) {
			Haproxy.Backend backend = new Haproxy.Backend("cart-service", FreePorts.any(),
					List.of(first.port(), second.port()));
			HelperProgram balancer = Haproxy.start(haproxy, List.of(backend), ListenAddress.LOOPBACK,
					this.folder.resolve("haproxy.cfg"), this.folder.resolve("haproxy.log"));
			try {
				HttpClient http = HttpClient.newHttpClient();
				URI uri = URI.create("http://127.0.0.1:" + backend.port() + "/cart/items");

				HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri)
					.timeout(Duration.ofSeconds(20))
					.POST(HttpRequest.BodyPublishers.ofString("{\"product_id\":1,\"quantity\":1}"))
					.build(), HttpResponse.BodyHandlers.ofString());
				HttpResponse<String> get = http.send(
						HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
						HttpResponse.BodyHandlers.ofString());

				assertThat(post.statusCode()).isEqualTo(502);
				assertThat(post.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(post.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
				assertThat(post.headers().firstValue("X-Frame-Options")).hasValue("DENY");
				assertThat(post.headers().firstValue("Cache-Control"))
					.hasValue("no-cache, no-store, max-age=0, must-revalidate");
				assertThat(post.body()).startsWith("{\"detail\":\"no replica of the service answered;")
					.contains("read it back before retrying")
					// the path as HAProxy's json converter writes it, / escaped
					.endsWith("\",\"instance\":\"\\/cart\\/items\",\"status\":502,\"title\":\"Bad Gateway\","
							+ "\"type\":\"about:blank\"}");
				assertThat(first.taken("POST") + second.taken("POST")).as("POSTs the replicas took").isOne();
				assertThat(get.statusCode()).isEqualTo(502);
				assertThat(first.taken("GET")).as("GETs the first replica took").isPositive();
				assertThat(second.taken("GET")).as("GETs the second replica took").isPositive();
			}
			finally {
				balancer.close();
			}
		}
	}

	/**
	 * Two ready replicas, one of which stops listening between two of HAProxy's checks,
	 * as one that died would: while HAProxy still counts it up, each request sent its way
	 * finds the port closed and goes to the other replica instead, a POST as well as a
	 * GET, since a refused connection carried nothing. No client sees a 502 or 503.
	 */
	@Test
	void aReplicaThatStopsListeningBetweenChecksLosesNoRequest() throws Exception {
		Path haproxy = Executables.require(Haproxy.PROGRAM, "haproxy", Executables.searchPath(System.getenv("PATH")));
		try (FakeReplica dying = FakeReplica.answering("dying");
				FakeReplica surviving = FakeReplica.answering("surviving")) {
			Haproxy.Backend backend = new Haproxy.Backend("cart-service", FreePorts.any(),
					List.of(dying.port(), surviving.port()));
			Path log = this.folder.resolve("haproxy.log");
			HelperProgram balancer = Haproxy.start(haproxy, List.of(backend), ListenAddress.LOOPBACK,
					this.folder.resolve("haproxy.cfg"), log);
			try {
				HttpClient http = HttpClient.newHttpClient();
				URI uri = URI.create("http://127.0.0.1:" + backend.port() + "/cart/items");
				long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
				while ((dying.taken("GET") == 0 || surviving.taken("GET") == 0) && System.nanoTime() < deadline) {
					http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
							HttpResponse.BodyHandlers.discarding());
				}
				assertThat(dying.taken("GET")).as("GETs the dying replica answered while in rotation").isPositive();
				int readsBefore = surviving.taken("GET");

				// it stays in rotation until two checks, 500 ms apart, have failed
				dying.stopListening();
				List<HttpResponse<String>> answers = new ArrayList<>();
				for (int i = 0; i < 10; i++) {
					answers.add(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
							HttpResponse.BodyHandlers.ofString()));
					answers.add(http.send(HttpRequest.newBuilder(uri)
						.timeout(Duration.ofSeconds(20))
						.POST(HttpRequest.BodyPublishers.ofString("{\"product_id\":1,\"quantity\":1}"))
						.build(), HttpResponse.BodyHandlers.ofString()));
				}

				assertThat(answers).allSatisfy((answer) -> {
					assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.body()).isEqualTo(200);
					assertThat(answer.body()).isEqualTo("surviving");
				});
				assertThat(surviving.taken("GET") - readsBefore).as("GETs the surviving replica answered")
					.isEqualTo(10);
				assertThat(surviving.taken("POST")).as("POSTs the surviving replica answered").isEqualTo(10);
				assertThat(dying.taken("POST")).isZero();
				// the scene took place: requests went to the dying replica while HAProxy
				// still counted it up, and were sent again to the other
				assertThat(redispatchedWithin(Duration.ofSeconds(10), log))
					.as("methods of requests HAProxy redispatched")
					.contains("GET", "POST");
			}
			finally {
				balancer.close();
			}
		}
	}

	/**
	 * HAProxy's access log names the request's path, never its query string, where a
	 * client may have put a token or a password.
	 */
	@Test
	void theAccessLogLeavesTheQueryStringOut() throws Exception {
		Path haproxy = Executables.require(Haproxy.PROGRAM, "haproxy", Executables.searchPath(System.getenv("PATH")));
		try (FakeReplica replica = FakeReplica.dying()) {
			Haproxy.Backend backend = new Haproxy.Backend("cart-service", FreePorts.any(), List.of(replica.port()));
			Path log = this.folder.resolve("haproxy.log");
			HelperProgram balancer = Haproxy.start(haproxy, List.of(backend), ListenAddress.LOOPBACK,
					this.folder.resolve("haproxy.cfg"), log);
			try {
				HttpResponse<String> answer = HttpClient.newHttpClient()
					.send(HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + backend.port()
								+ "/cart/items?access_token=secret-token&password=secret-password"))
						.timeout(Duration.ofSeconds(20))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(answer.statusCode()).isEqualTo(502);
				long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
				while (!Files.readString(log).contains(" 502 ") && System.nanoTime() < deadline) {
					Thread.sleep(100);
				}

				assertThat(Files.readString(log)).contains("\"GET /cart/items HTTP/1.1\"").doesNotContain("secret");
			}
			finally {
				balancer.close();
			}
		}
	}

	/**
	 * Replicas whose database is down: both fail HAProxy's readiness checks and leave the
	 * rotation, yet a client still reaches them as backups and gets their own answers
	 * (the service's problem+json 503, or a 200 for what needs no database), not
	 * HAProxy's HTML 503.
	 */
	@Test
	void whenNoReplicaIsReadyTheReplicasStillAnswerThemselves() throws Exception {
		Path haproxy = Executables.require(Haproxy.PROGRAM, "haproxy", Executables.searchPath(System.getenv("PATH")));
		try (UnreadyReplica first = new UnreadyReplica(); UnreadyReplica second = new UnreadyReplica()) {
			Haproxy.Backend backend = new Haproxy.Backend("auth-service", FreePorts.any(),
					List.of(first.port(), second.port()));
			Path log = this.folder.resolve("haproxy.log");
			HelperProgram balancer = Haproxy.start(haproxy, List.of(backend), ListenAddress.LOOPBACK,
					this.folder.resolve("haproxy.cfg"), log);
			try {
				assertThat(serversReportedDownWithin(Duration.ofSeconds(15), log, 2))
					.as("replicas HAProxy took out of rotation")
					.containsExactlyInAnyOrder("auth-service-1", "auth-service-2");
				HttpClient http = HttpClient.newHttpClient();
				HttpResponse<String> live = http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.port() + "/health/live"))
						.timeout(Duration.ofSeconds(20))
						.build(), HttpResponse.BodyHandlers.ofString());

				assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
				assertThat(live.body()).isEqualTo(UnreadyReplica.ANSWER);
			}
			finally {
				balancer.close();
			}
		}
	}

	/**
	 * A request line and headers of 20 KB, beyond HAProxy's default buffer, reach the
	 * replica, whose own answer (431 problem+json, from 8 KiB up) the client gets; only
	 * beyond about 31 KiB does HAProxy refuse a head itself.
	 */
	@Test
	void largeHeadsReachTheReplicaToBeAnsweredThere() throws Exception {
		Path haproxy = Executables.require(Haproxy.PROGRAM, "haproxy", Executables.searchPath(System.getenv("PATH")));
		try (UnreadyReplica replica = new UnreadyReplica()) {
			Haproxy.Backend backend = new Haproxy.Backend("product-service", FreePorts.any(), List.of(replica.port()));
			HelperProgram balancer = Haproxy.start(haproxy, List.of(backend), ListenAddress.LOOPBACK,
					this.folder.resolve("haproxy.cfg"), this.folder.resolve("haproxy.log"));
			try {
				String large = sentRaw(backend.port(), head(20_000));
				String tooLarge = sentRaw(backend.port(), head(40_000));

				assertThat(large).startsWith("HTTP/1.1 200 ").endsWith(UnreadyReplica.ANSWER);
				assertThat(tooLarge).startsWith("HTTP/1.1 400 ").doesNotContain(UnreadyReplica.ANSWER);
			}
			finally {
				balancer.close();
			}
		}
	}

	/**
	 * No replica running at all (each refuses connections): HAProxy tries again, and
	 * answers 503 well before cart's 2 s wait for an answer of product's is over, so cart
	 * tells its client that product is down rather than slow.
	 */
	@Test
	void whenNoReplicaRunsTheClientIsToldSoonerThanCartWaits() throws Exception {
		Path haproxy = Executables.require(Haproxy.PROGRAM, "haproxy", Executables.searchPath(System.getenv("PATH")));
		Haproxy.Backend backend = new Haproxy.Backend("product-service", FreePorts.any(),
				List.of(FreePorts.any(), FreePorts.any()));
		Path log = this.folder.resolve("haproxy.log");
		HelperProgram balancer = Haproxy.start(haproxy, List.of(backend), ListenAddress.LOOPBACK,
				this.folder.resolve("haproxy.cfg"), log);
		try {
			assertThat(serversReportedDownWithin(Duration.ofSeconds(15), log, 2)).hasSize(2);
			HttpResponse<String> refused = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.port() + "/products/1"))
					.timeout(Duration.ofSeconds(20))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			// As HAProxy timed it, from the request's first byte to the answer's last:
			// the time a loaded machine takes the test's client to send it and read
			// the answer is no part of it.
			assertThat(activeTimeLoggedWithin(Duration.ofSeconds(15), log, "GET /products/1"))
				.isLessThan(Duration.ofMillis(1500));
		}
		finally {
			balancer.close();
		}
	}

	private static String head(int paddingBytes) {
		return "GET /products/1 HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(paddingBytes)
				+ "\r\nConnection: close\r\n\r\n";
	}

	@Test
	void everyAnswerHaproxyWritesItselfIsProblemJson() {
		String configuration = Haproxy.configuration(BACKENDS, ListenAddress.LOOPBACK);

		assertThat(Haproxy.OWN_ANSWERS).extracting(Haproxy.OwnAnswer::status)
			.containsExactly(400, 408, 500, 502, 503, 504);
		for (Haproxy.OwnAnswer answer : Haproxy.OWN_ANSWERS) {
			assertThat(configuration)
				.contains("http-error status " + answer.status() + " content-type application/problem+json ");
		}
		assertThat(configuration).contains("http-error status 503 content-type application/problem+json hdr "
				+ "Retry-After 1 hdr X-Content-Type-Options nosniff hdr X-Frame-Options DENY hdr Cache-Control "
				+ "\"no-cache, no-store, max-age=0, must-revalidate\" lf-string '{\"detail\":\"no replica of the service can be reached; retry shortly\","
				+ "\"instance\":\"%[var(txn.path),json(utf8s)]\",\"status\":503,\"title\":\"Service Unavailable\","
				+ "\"type\":\"about:blank\"}'");
	}

	private static String sentRaw(int port, String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(15_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/**
	 * The methods of the requests HAProxy's access log says it redispatched (a {@code +}
	 * before the retries), once both a GET and a POST are among them, or when time is up.
	 */
	private static Set<String> redispatchedWithin(Duration time, Path log) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + time.toNanos();
		while (!redispatched(log).containsAll(Set.of("GET", "POST")) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		return redispatched(log);
	}

	private static Set<String> redispatched(Path log) throws IOException {
		return Files.readAllLines(log)
			.stream()
			.map(REDISPATCHED::matcher)
			.filter(Matcher::find)
			.map((redispatched) -> redispatched.group(1))
			.collect(Collectors.toSet());
	}

	/**
	 * HAProxy's total active time ({@code %Ta}) for the request {@code requestLine}
	 * names, from its access log once it is there.
	 */
	private static Duration activeTimeLoggedWithin(Duration time, Path log, String requestLine)
			throws IOException, InterruptedException {
		Pattern logged = Pattern
			.compile(" -?\\d+/-?\\d+/-?\\d+/-?\\d+/\\+?(\\d+) .*\"" + Pattern.quote(requestLine) + " ");
		long deadline = System.nanoTime() + time.toNanos();
		while (true) {
			for (String line : Files.readAllLines(log)) {
				Matcher timers = logged.matcher(line);
				if (timers.find()) {
					return Duration.ofMillis(Long.parseLong(timers.group(1)));
				}
			}
			assertThat(System.nanoTime()).as("an access log line for %s in %s", requestLine, log).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	/** The servers HAProxy reported down once {@code count} are, or when time is up. */
	private static Set<String> serversReportedDownWithin(Duration time, Path log, int count)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + time.toNanos();
		while (serversReportedDown(log).size() < count && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		return serversReportedDown(log);
	}

	/**
	 * The servers HAProxy has taken out of rotation. It reports each twice, as a warning
	 * on stderr and as a log line on stdout, which share the file.
	 */
	private static Set<String> serversReportedDown(Path log) throws IOException {
		if (!Files.exists(log)) {
			return Set.of();
		}
		return Files.readAllLines(log)
			.stream()
			.map(SERVER_DOWN::matcher)
			.filter(Matcher::find)
			.map((down) -> down.group(1))
			.collect(Collectors.toSet());
	}

	@Test
	void eachServiceHasAFrontendOnItsPortAndItsReplicasCheckedOnReadiness() {
		String configuration = Haproxy.configuration(BACKENDS, ListenAddress.LOOPBACK);

		assertThat(configuration)
			.contains("frontend cart-service\n    bind 127.0.0.1:8003\n    http-request set-var(txn.path) path\n"
					+ "    default_backend cart-service\n")
			.contains(
					"    server cart-service-1 127.0.0.1:8031 check\n    server cart-service-2 127.0.0.1:8032 check\n")
			.contains("    server cart-service-1-unready 127.0.0.1:8031 backup\n")
			.as("the unready replicas answer together when none is ready, not the first one alone")
			.contains("    option allbackups\n")
			.as("a read a replica dropped is retried on another replica, not the same one")
			.contains("    retries 3\n    option redispatch 1\n    retry-on conn-failure empty-response\n")
			.contains("http-check send meth GET uri /health/ready")
			.contains("default-server inter 500ms fastinter 500ms downinter 500ms fall 2 rise 2");
	}

	@Test
	void aReplicaDrainsLongerThanHaproxyNeedsToTakeItOutOfRotation() {
		assertThat(Haproxy.leavesRotationWithin()).isEqualTo(Duration.ofSeconds(2));
		assertThat(ReplicaSpecs.DRAIN_PERIOD).isGreaterThan(Haproxy.leavesRotationWithin());
	}

	@Test
	void addressesFollowHaproxysSyntax() {
		assertThat(Haproxy.address(new ListenAddress("::1"), 8001)).isEqualTo("ipv6@::1:8001");
		assertThat(Haproxy.address(new ListenAddress("::"), 8001)).isEqualTo("ipv6@:::8001");
		assertThat(Haproxy.address(new ListenAddress("0.0.0.0"), 8001)).isEqualTo("0.0.0.0:8001");
		assertThat(Haproxy.serverAddress(new ListenAddress("0.0.0.0"), 8011)).isEqualTo("127.0.0.1:8011");
		assertThat(Haproxy.serverAddress(new ListenAddress("::"), 8011)).isEqualTo("ipv6@::1:8011");
	}

	/**
	 * A replica behind HAProxy: answers its readiness checks with 200 and takes every
	 * other request whole, counted by method; a dying one then closes the connection
	 * without a word, an answering one answers 200 with its own name. Each connection
	 * carries one request, so once it stops listening no connection to it is left for
	 * HAProxy to reuse.
	 */
	private static final class FakeReplica implements AutoCloseable {

		/** {@code null} for a dying replica. */
		private final String name;

		private final ServerSocket socket;

		private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();

		private FakeReplica(String name) throws IOException {
			this.name = name;
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread.ofVirtual().start(this::accept);
		}

		static FakeReplica dying() throws IOException {
			return new FakeReplica(null);
		}

		static FakeReplica answering(String name) throws IOException {
			return new FakeReplica(name);
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int taken(String method) {
			return this.taken.getOrDefault(method, new AtomicInteger()).get();
		}

		/**
		 * Closes its listening socket and returns once its port refuses connections. The
		 * descriptor of a socket a virtual thread waits on in {@code accept} is closed by
		 * that thread when it next runs: until then, on a busy machine, the port still
		 * took a connection, and the first request after this answered "dying".
		 */
		void stopListening() throws IOException, InterruptedException {
			InetSocketAddress address = new InetSocketAddress(this.socket.getInetAddress(), port());
			this.socket.close();
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (System.nanoTime() < deadline) {
				try (Socket probe = new Socket()) {
					probe.connect(address, 1000);
				}
				catch (IOException refused) {
					return;
				}
				Thread.sleep(10);
			}
			throw new IllegalStateException("port " + port() + " still takes connections after it was closed");
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					Thread.ofVirtual().start(() -> serve(connection));
				}
				catch (IOException ex) {
					// closed: it stopped listening, or the test is over
				}
			}
		}

		private void serve(Socket connection) {
			try (connection) {
				BufferedReader in = new BufferedReader(
						new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
				String requestLine = in.readLine();
				long length = 0;
				for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
					if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
						length = Long.parseLong(header.substring("content-length:".length()).strip());
					}
				}
				in.skip(length);
				if (requestLine == null) {
					return;
				}
				if (requestLine.contains(" /health/ready ")) {
					answer(connection, "");
					return;
				}
				this.taken.computeIfAbsent(requestLine.split(" ")[0], (method) -> new AtomicInteger())
					.incrementAndGet();
				if (this.name != null) {
					answer(connection, this.name);
				}
			}
			catch (IOException ex) {
				// HAProxy went away first
			}
		}

		private static void answer(Socket connection, String body) throws IOException {
			connection.getOutputStream()
				.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
						+ "\r\nConnection: close\r\n\r\n" + body)
					.getBytes(StandardCharsets.ISO_8859_1));
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	/**
	 * A replica whose database is down: 503 on {@code /health/ready}, {@link #ANSWER}
	 * with 200 on every other path.
	 */
	private static final class UnreadyReplica implements AutoCloseable {

		static final String ANSWER = "{\"status\":\"alive\"}";

		private final HttpServer server;

		UnreadyReplica() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
			this.server.createContext("/", (exchange) -> {
				boolean ready = exchange.getRequestURI().getPath().equals("/health/ready");
				byte[] body = (ready ? "{\"status\":\"not_ready\"}" : ANSWER).getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(ready ? 503 : 200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			this.server.start();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
