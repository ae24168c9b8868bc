package io.storefront.console.access;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.console.FakeService;
import io.storefront.console.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console without an access token, over real HTTP with the {@code Host} a browser would
 * send: a page that rebound its own name to the console's address is refused; the
 * console's address, {@code localhost} and the probes are answered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class OpenConsoleTests {

	@AutoClose
	private static final FakeService AUTH = FakeService.start("auth-service");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("storefront.console.services", AUTH::entry);
		registry.add("storefront.console.history-file", () -> "target/open-console-history.jsonl");
	}

	@Test
	void aRequestAddressedToAnotherNameIsRefused() throws IOException {
		String answer = get("/api/status", "rebound.example:" + this.port);

		assertThat(answer).startsWith("HTTP/1.1 403 ")
			.contains("Content-Type: application/problem+json")
			.contains("set STOREFRONT_CONSOLE_ACCESS_TOKEN to reach it by name")
			.doesNotContain("auth-service")
			.contains("Content-Security-Policy: default-src 'self'")
			.contains("X-Frame-Options: DENY")
			.contains("X-Content-Type-Options: nosniff")
			.contains("Referrer-Policy: no-referrer");
		assertThat(get("/", "rebound.example")).startsWith("HTTP/1.1 403 ");
		assertThat(get("/health/../api/status", "rebound.example")).as("not a probe once resolved")
			.startsWith("HTTP/1.1 403 ");
		assertThat(get("/health/%2e%2e/api/status", "rebound.example")).doesNotContain("auth-service");
	}

	@Test
	void theConsolesAddressAndLocalhostAreAnswered() throws IOException {
		for (String host : new String[] { "127.0.0.1:" + this.port, "localhost:" + this.port, "LOCALHOST", "[::1]" }) {
			assertThat(get("/api/status", host)).as(host).startsWith("HTTP/1.1 200 ").contains("auth-service");
		}
	}

	@Test
	void anOpenConsoleReadsNoTokenSoTwoAuthorizationHeadersChangeNothing() throws Exception {
		HttpResponse<String> twice = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/status"))
				.header("Authorization", "Bearer a")
				.header("Authorization", "Bearer b")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(twice.statusCode()).isEqualTo(200);
		assertThat(twice.body()).contains("\"authorized\":true");
	}

	@Test
	void itsProbesAnswerAnyName() throws IOException {
		assertThat(get("/health/ready", "console.internal.example")).startsWith("HTTP/1.1 200 ");
	}

	@Test
	void aRequestTomcatCannotParseIsAnsweredWithoutAStackTraceInTheLog(CapturedOutput output) throws IOException {
		assertThat(get("/api/status", "bad\"name")).startsWith("HTTP/1.1 400 ");

		assertThat(output).doesNotContain("\tat ");
	}

	/**
	 * The console takes no multipart body: one announced without its boundary, on any
	 * path with any method, is no 500 and no error in the log, nor is a well-formed one
	 * posted as the login form.
	 */
	@Test
	void aMultipartBodyIsNoServerError(CapturedOutput output) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String path : List.of("/", "/health/live", "/api/status", "/api/services/0/detailed", "/login",
				"/no-such-page")) {
			for (String method : List.of("GET", "POST", "PUT", "DELETE", "OPTIONS")) {
				HttpResponse<String> answer = http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
						.header("Content-Type", "multipart/form-data")
						.method(method, HttpRequest.BodyPublishers.ofString("token=x"))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(answer.statusCode()).as(method + " " + path).isLessThan(500);
			}
		}
		HttpResponse<String> form = http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/login"))
				.header("Content-Type", "multipart/form-data; boundary=b")
				.POST(HttpRequest.BodyPublishers
					.ofString("--b\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nSomeSecret\r\n--b--\r\n"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(form.statusCode()).isLessThan(500);

		assertThat(output).doesNotContain("\tat ", "MultipartException", "SomeSecret").doesNotContainPattern(" ERROR ");
	}

	private String get(String path, String host) throws IOException {
		return RawHttp.get(this.port, path, host);
	}

}
