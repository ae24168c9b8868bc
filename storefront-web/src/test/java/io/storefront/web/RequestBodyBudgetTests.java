package io.storefront.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bodies held in memory share one budget (here 48 KB, as large as one body may be),
 * over real sockets: while one body holds nearly all of it, another is refused with 503
 * and {@code Retry-After}; once the first request has been answered, or a body refused
 * (413, 408), its bytes are back, again and again.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json",
				"storefront.web.max-request-body=48KB", "storefront.web.max-buffered-bodies=16KB",
				"storefront.web.request-body-timeout=" + RequestBodyBudgetTests.DEADLINE_SECONDS + "s" })
class RequestBodyBudgetTests {

	/**
	 * Far longer than the holder of the first test keeps its body incomplete (about a
	 * second), and as short as that allows: the second test waits for it.
	 */
	static final int DEADLINE_SECONDS = 10;

	private static final int BODY = 48 * 1024;

	private static final String ORDER = "{\"product_name\":\"x\",\"quantity\":2}";

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Test
	void aBodyTheBudgetCannotTakeIsRefusedAndAnsweredBodiesGiveTheirBytesBack() throws Exception {
		byte[] large = order(BODY);
		try (Socket holder = new Socket("127.0.0.1", this.port)) {
			holder.setSoTimeout(30_000);
			OutputStream holding = holder.getOutputStream();
			holding.write(headers(BODY));
			holding.write(large, 0, BODY - 100);
			holding.flush();
			Thread.sleep(1000);

			String refused = post(order(1000));

			assertThat(refused).startsWith("HTTP/1.1 503")
				.containsIgnoringCase("Retry-After: 1")
				.contains("application/problem+json")
				.contains("too many request bodies at once");

			holding.write(large, BODY - 100, 100);
			holding.flush();
			assertThat(answer(holder.getInputStream())).startsWith("HTTP/1.1 201");
		}
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> again = client
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/orders"))
					.header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(10))
					.POST(HttpRequest.BodyPublishers.ofByteArray(large))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(again.statusCode()).as("body %d: %s", i + 1, again.body()).isEqualTo(201);
		}
	}

	/**
	 * A body refused after it took bytes from the budget gives them back: one that grows
	 * past the limit (413) and one that stops arriving (408). Each takes nearly the whole
	 * budget first, so a body of the largest size, which needs all of it, is served
	 * afterwards only if every byte came back.
	 */
	@Test
	void bodiesRefusedAfterTheyTookBytesFromTheBudgetGiveThemBack() throws Exception {
		byte[] large = order(BODY);
		try (Socket chunked = new Socket("127.0.0.1", this.port)) {
			chunked.setSoTimeout(30_000);
			OutputStream out = chunked.getOutputStream();
			out.write(("POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Transfer-Encoding: chunked\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			// The limit's worth of bytes, all within it, then one more.
			for (int sent = 0; sent < BODY; sent += 8192) {
				out.write(chunk(large, sent, 8192));
			}
			out.write(chunk(large, 0, 1));
			out.flush();

			assertThat(answer(chunked.getInputStream())).startsWith("HTTP/1.1 413")
				.contains("the request body is larger than " + BODY + " bytes");
		}
		assertThat(postLargest(large)).as("after the 413").isEqualTo(201);

		try (Socket late = new Socket("127.0.0.1", this.port)) {
			late.setSoTimeout((DEADLINE_SECONDS + 30) * 1000);
			OutputStream out = late.getOutputStream();
			out.write(headers(BODY));
			out.write(large, 0, BODY - 100);
			out.flush();

			assertThat(answer(late.getInputStream())).startsWith("HTTP/1.1 408")
				.contains("the request body did not arrive in time");
		}
		assertThat(postLargest(large)).as("after the 408").isEqualTo(201);
	}

	/** One chunk of the chunked coding: {@code length} bytes of {@code body}. */
	private static byte[] chunk(byte[] body, int offset, int length) {
		byte[] size = (Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] chunk = new byte[size.length + length + 2];
		System.arraycopy(size, 0, chunk, 0, size.length);
		System.arraycopy(body, offset, chunk, size.length, length);
		chunk[chunk.length - 2] = '\r';
		chunk[chunk.length - 1] = '\n';
		return chunk;
	}

	/** The status of a body of the largest size, which needs the whole budget. */
	private int postLargest(byte[] large) throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/orders"))
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(10))
				.POST(HttpRequest.BodyPublishers.ofByteArray(large))
				.build(), HttpResponse.BodyHandlers.ofString());
		return response.statusCode();
	}

	/** A valid order padded with spaces to {@code size} bytes. */
	private static byte[] order(int size) {
		return (ORDER + " ".repeat(size - ORDER.length())).getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] headers(int length) {
		return ("POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
				+ length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/** Sends the whole request at once on its own connection and reads the answer. */
	private String post(byte[] body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(headers(body.length));
			out.write(body);
			out.flush();
			return answer(socket.getInputStream());
		}
	}

	/** The status line, headers and as much of the body as has come within a moment. */
	private static String answer(InputStream in) throws IOException {
		byte[] buffer = new byte[8192];
		int n = in.read(buffer);
		StringBuilder text = new StringBuilder((n > 0) ? new String(buffer, 0, n, StandardCharsets.UTF_8) : "");
		while (!text.toString().contains("}") && (n = in.read(buffer)) > 0) {
			text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
		}
		return text.toString();
	}

}
