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
 * and {@code Retry-After}; once the first request has been answered, its bytes are back,
 * again and again.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json",
				"storefront.web.max-request-body=48KB", "storefront.web.max-buffered-bodies=16KB",
				"storefront.web.request-body-timeout=30s" })
class RequestBodyBudgetTests {

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
