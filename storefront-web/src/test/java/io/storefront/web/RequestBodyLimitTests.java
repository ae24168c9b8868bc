package io.storefront.web;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.storefront.web.OrdersAtTheLimit.assertServed;
import static io.storefront.web.OrdersAtTheLimit.assertTooLarge;
import static io.storefront.web.OrdersAtTheLimit.order;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 1 MiB request body limit, for bodies that declare their length and for chunked ones
 * that don't, on the asynchronous path every request with a body takes here
 * ({@code RequestBodyDeadlineFilter}); {@code RequestBodyLimitWithoutAsyncTests} holds
 * the other.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json" })
class RequestBodyLimitTests {

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final int LIMIT = 1024 * 1024;

	private static final String SMALL_ORDER = "{\"product_name\":\"x\",\"quantity\":2}";

	private static final String HUGE_ORDER = "{\"product_name\":\"" + "x".repeat(LIMIT) + "\",\"quantity\":2}";

	@LocalServerPort
	int port;

	@Test
	void aDeclaredBodyOverTheLimitIs413() throws Exception {
		HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(HUGE_ORDER));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body())
			.isEqualTo("{\"detail\":\"the request body is larger than 1048576 bytes\",\"instance\":\"/orders\","
					+ "\"status\":413,\"title\":\"Content Too Large\",\"type\":\"about:blank\"}");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}

	@Test
	void aDeclaredBodyOneByteOverTheLimitIs413() throws Exception {
		HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(order(LIMIT + 1)));

		assertTooLarge(response, LIMIT);
	}

	@Test
	void aDeclaredBodyOfTheLimitIsServed() throws Exception {
		HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(order(LIMIT)));

		assertServed(response);
	}

	@Test
	void aChunkedBodyOverTheLimitIs413() throws Exception {
		HttpResponse<String> response = post(chunked(HUGE_ORDER));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
	}

	@Test
	void aChunkedBodyOfTheLimitIsServed() throws Exception {
		HttpResponse<String> response = post(chunked(order(LIMIT)));

		assertServed(response);
	}

	@Test
	void aChunkedBodyOneByteOverTheLimitIs413() throws Exception {
		HttpResponse<String> response = post(chunked(order(LIMIT + 1)));

		assertTooLarge(response, LIMIT);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@ParameterizedTest(name = "chunk size line {0}")
	@ValueSource(strings = { "zz", "ffffffffffffffffff", "3" })
	void aChunkedBodyThatBreaksItsCodingIs400(String sizeLine) throws Exception {
		String request = "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n" + sizeLine + "\r\n" + SMALL_ORDER + "\r\n0\r\n\r\n";
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(15_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

			assertThat(response).startsWith("HTTP/1.1 400 ")
				.contains("Content-Type: application/problem+json")
				.contains("\"detail\":\"the request body's chunked transfer coding is malformed\"");
		}
	}

	/**
	 * RFC 9112, section 6.3: the chunked coding alone delimits the body, and the
	 * connection is closed after the answer, so that bytes a proxy reading
	 * {@code Content-Length} took for the body cannot be read here as another request.
	 * Tomcat does both itself, having removed {@code Content-Length} before any filter
	 * runs; this pins it.
	 */
	@Test
	void aBodyWithBothContentLengthAndChunkedCodingIsReadByItsCodingAndEndsItsConnection() throws Exception {
		String chunk = Integer.toHexString(SMALL_ORDER.length()) + "\r\n" + SMALL_ORDER + "\r\n0\r\n\r\n";
		String request = "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk;
		String next = "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunk;
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(15_000);
			socket.getOutputStream().write((request + next).getBytes(StandardCharsets.US_ASCII));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

			assertThat(response).startsWith("HTTP/1.1 201 ").contains("\"quantity\":2").contains("Connection: close");
			assertThat(response.split("HTTP/1\\.1 ", -1)).as("answers on the connection").hasSize(2);
		}
	}

	@Test
	void aClientThatAsksBeforeSendingABodyWithinTheLimitIsInvitedAndServed() throws Exception {
		byte[] body = SMALL_ORDER.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = expectContinue(body.length)) {
			assertThat(readHead(socket)).startsWith("HTTP/1.1 100 ");
			socket.getOutputStream().write(body);
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

			assertThat(response).startsWith("HTTP/1.1 201 ").contains("\"quantity\":2");
		}
	}

	@Test
	void bodiesWithinTheLimitArriveWhole() throws Exception {
		assertThat(post(HttpRequest.BodyPublishers.ofString(SMALL_ORDER)).statusCode()).isEqualTo(201);
		HttpResponse<String> chunked = post(chunked(SMALL_ORDER));
		assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(201);
		assertThat(chunked.body()).contains("\"quantity\":2");
	}

	/**
	 * A connection on which a request has announced a body of this length and, as
	 * {@code Expect: 100-continue} asks, waits to be invited before sending it.
	 */
	private Socket expectContinue(long length) throws Exception {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port);
		socket.setSoTimeout(15_000);
		String head = "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + length + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n";
		socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
		return socket;
	}

	/** The status line and headers of the next response on the connection. */
	private static String readHead(Socket socket) throws Exception {
		StringBuilder head = new StringBuilder();
		while (head.indexOf("\r\n\r\n") < 0) {
			int b = socket.getInputStream().read();
			if (b < 0) {
				break;
			}
			head.append((char) b);
		}
		return head.toString();
	}

	/**
	 * A body of unknown length: the client sends it with
	 * {@code Transfer-Encoding: chunked}.
	 */
	private static HttpRequest.BodyPublisher chunked(String body) {
		return chunked(body.getBytes(StandardCharsets.UTF_8));
	}

	private static HttpRequest.BodyPublisher chunked(byte[] body) {
		return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
	}

	private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/orders"))
			.header("Content-Type", "application/json")
			.POST(body)
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
