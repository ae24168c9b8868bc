package io.storefront.web.tomcat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.FreePorts;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request the service refuses before reading its body (one declared over the size
 * limit; any body on a health probe or on the probes' own port, which take none) is
 * answered 413 and its connection closed at once, over real sockets; one Tomcat refuses
 * itself (a path it will not map, {@code TRACE}) has its connection closed once the bytes
 * already sent are read. Tomcat would otherwise read the refused body on the request's
 * turn, up to 2 MiB, for as long as the client sent a byte now and then: a few such
 * clients held every turn (two here) and {@code /health} waited behind them. A chunked
 * body that turns out empty is no body: the probe answers as without one.
 */
class UnreadBodiesTests {

	/**
	 * Shorter than any read timeout that would end a swallow too: Tomcat's 60 s, the
	 * probe port's 5 s.
	 */
	private static final Duration CLOSED_WITHIN = Duration.ofSeconds(3);

	private static final int CLIENTS = 4;

	private static int probePort;

	private static SampleService service;

	@BeforeAll
	static void start() {
		probePort = FreePorts.any();
		service = SampleService.start("DATABASE_URL=" + TestPostgres.shared().databaseUrl(KnownServices.AUTH),
				"storefront.web.max-concurrent-requests=2", "storefront.web.probe-port=" + probePort);
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "service POST /sample/slow 1000000000000 | 413 | the request body is larger than 1048576 bytes",
					"service POST /health 100 | 413 | the health probes take no request body",
					"service GET /health/live 100 | 413 | the health probes take no request body",
					"probes GET /health 100 | 413 | the health probes take no request body",
					"probes POST /sample/slow 100 | 413 | this port takes no request body",
					"service POST /sample/a%2Fb 100 | 400 | ", "service TRACE /sample/slow 100 | 405 | " })
	void aBodyRefusedUnreadHasItsConnectionClosedOnceItsAnswerIsOut(String request, int status, String detail)
			throws IOException {
		try (Socket socket = startSending(request)) {
			socket.setSoTimeout((int) CLOSED_WITHIN.toMillis());

			// returns only once the server has closed the connection
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

			assertThat(answer).startsWith("HTTP/1.1 " + status + " ").contains("application/problem+json");
			if (detail != null) {
				assertThat(answer).contains("\"detail\":\"" + detail + "\"");
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/health", "/health/live", "/health/ready" })
	void anEmptyChunkedBodyOnAProbeIsNoBody(String path) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", service.port())) {
			socket.setSoTimeout((int) CLOSED_WITHIN.toMillis());
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
						+ "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));

			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

			assertThat(answer).startsWith("HTTP/1.1 200 ").contains("application/json");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/health", "/health/live", "/health/ready" })
	void aChunkedBodyOnAProbeIsRefusedAtItsFirstByte(String path) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", service.port())) {
			socket.setSoTimeout((int) CLOSED_WITHIN.toMillis());
			// one chunk of one byte, and the client still sending
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n")
					.getBytes(StandardCharsets.US_ASCII));

			// returns only once the server has closed the connection
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

			assertThat(answer).startsWith("HTTP/1.1 413 ")
				.contains("application/problem+json")
				.contains("\"detail\":\"the health probes take no request body\"");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "service POST /sample/slow 1000000000000", "service POST /health 100",
			"service TRACE /sample/slow 1000000" })
	void clientsThatKeepSendingARefusedBodyHoldNoTurn(String request) throws Exception {
		List<Socket> senders = new ArrayList<>();
		try {
			for (int i = 0; i < CLIENTS; i++) {
				senders.add(startSending(request));
			}
			Thread.sleep(500);

			assertThat(service.http().status("/health")).isEqualTo(200);
		}
		finally {
			for (Socket sender : senders) {
				sender.close();
			}
		}
	}

	/**
	 * {@code port method path length}: the request's headers, declaring that length, and
	 * one byte of its body.
	 */
	private static Socket startSending(String request) throws IOException {
		String[] parts = request.split(" ");
		Socket socket = new Socket("127.0.0.1", "probes".equals(parts[0]) ? probePort : service.port());
		OutputStream out = socket.getOutputStream();
		out.write((parts[1] + " " + parts[2] + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + parts[3] + "\r\n\r\n{")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

}
