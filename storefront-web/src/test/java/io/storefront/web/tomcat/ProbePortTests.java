package io.storefront.web.tomcat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.FreePorts;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.HttpProbe;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The probes answer on {@code storefront.web.probe-port} while every turn of the
 * service's own port is taken, and nothing else answers there.
 */
@Tag("reliability")
@ExtendWith(OutputCaptureExtension.class)
class ProbePortTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@Test
	void theProbesAnswerOnTheirOwnPortWhileEveryTurnOfTheServicePortIsTaken(CapturedOutput output) throws Exception {
		int probePort = FreePorts.any();
		try (SampleService service = SampleService.start(
				"DATABASE_URL=" + TestPostgres.shared().databaseUrl(KnownServices.AUTH),
				"storefront.web.max-concurrent-requests=1", "storefront.web.probe-port=" + probePort)) {
			HttpProbe servicePort = service.http();
			HttpProbe probes = new HttpProbe(probePort);
			CompletableFuture<?> slow = CompletableFuture.runAsync(() -> servicePort.get("/sample/slow?millis=6000"),
					(task) -> Thread.ofVirtual().start(task));
			await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("slow request started"));

			assertThatExceptionOfType(HttpTimeoutException.class)
				.as("the service's port: /health/live waits for the one turn")
				.isThrownBy(() -> client
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/health/live"))
						.timeout(Duration.ofSeconds(1))
						.build(), HttpResponse.BodyHandlers.discarding()));
			long started = System.nanoTime();
			assertThat(probes.status("/health/live")).isEqualTo(200);
			assertThat(probes.status("/health/ready")).isEqualTo(200);
			assertThat(probes.status("/health")).isEqualTo(200);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

			HttpResponse<String> other = probes.get("/sample/slow?millis=0");
			assertThat(other.statusCode()).isEqualTo(404);
			assertThat(HttpProbe.contentType(other)).isEqualTo("application/problem+json");
			assertThat(other.body()).contains("answers the health probes only");
			for (String path : List.of("/health/detailed", "/health/x", "/healthz", "/metrics")) {
				assertThat(probes.status(path)).as("%s is not a probe", path).isEqualTo(404);
			}
			slow.join();
		}
	}

	/**
	 * The probes answer a body on their own port as on the service's: a chunked body that
	 * ends empty is no body, and one that shows a byte is refused with 413, the rest
	 * unread.
	 */
	@Test
	void anEmptyChunkedBodyIsNoBodyOnTheProbePortEither() throws Exception {
		int probePort = FreePorts.any();
		try (SampleService service = withProbePort(probePort)) {
			for (String path : List.of("/health", "/health/live", "/health/ready")) {
				assertThat(rawExchange(probePort,
						"GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
								+ "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"))
					.as("%s with an empty chunked body", path)
					.startsWith("HTTP/1.1 200 ")
					.contains("application/json");
			}
			// one chunk of one byte, and the client still sending: answered once the
			// server closes the connection
			assertThat(rawExchange(probePort,
					"GET /health HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n"))
				.startsWith("HTTP/1.1 413 ")
				.contains("application/problem+json");
		}
	}

	/**
	 * TRACE, which Tomcat refuses before any filter, is told what the path takes on each
	 * port: the probes' methods on a probe, a route's on the service's port, none on any
	 * other path of the probe port.
	 */
	@Test
	void traceIsToldWhatThePathTakesOnEachPort() throws Exception {
		int probePort = FreePorts.any();
		try (SampleService service = withProbePort(probePort)) {
			assertThat(rawExchange(service.port(),
					"TRACE /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
				.startsWith("HTTP/1.1 405 ")
				.contains("\r\nAllow: GET, HEAD, OPTIONS\r\n");
			assertThat(rawExchange(service.port(),
					"TRACE /sample/slow HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
				.startsWith("HTTP/1.1 405 ")
				.contains("\r\nAllow: GET,HEAD,OPTIONS\r\n");
			assertThat(rawExchange(probePort,
					"TRACE /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
				.startsWith("HTTP/1.1 405 ")
				.contains("\r\nAllow: GET, HEAD, OPTIONS\r\n");
			assertThat(rawExchange(probePort,
					"TRACE /sample/slow HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
				.startsWith("HTTP/1.1 405 ")
				.containsPattern("\r\nAllow: ?\r\n");
		}
	}

	private static SampleService withProbePort(int probePort) {
		return SampleService.start("DATABASE_URL=" + TestPostgres.shared().databaseUrl(KnownServices.AUTH),
				"storefront.web.probe-port=" + probePort);
	}

	/**
	 * The whole answer to {@code request}, read until the server closes the connection.
	 */
	private static String rawExchange(int port, String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(3_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/**
	 * Spring Boot logs a disabled filter registration at every start ("Filter
	 * probePortFilter was not registered (disabled)"): noise to a user who set no probe
	 * port.
	 */
	@Test
	void withoutAProbePortTheStartUpSaysNothingOfItsFilter(CapturedOutput output) {
		try (SampleService service = SampleService
			.start("DATABASE_URL=" + TestPostgres.shared().databaseUrl(KnownServices.AUTH))) {
			assertThat(service.http().status("/health/live")).isEqualTo(200);
			assertThat(service.bean(ServletContext.class).getFilterRegistrations()).as("filters of the service")
				.isNotEmpty()
				.doesNotContainKey("probePortFilter");
		}
		assertThat(output.getOut()).contains("Tomcat started on port").doesNotContain("probePortFilter");
	}

}
