package io.storefront.console.access;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.console.FakeService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A protected console set up as docs/console.md says for a TLS-terminating proxy
 * ({@code SERVER_FORWARD_HEADERS_STRATEGY=native}, and the proxy's address, here
 * 127.0.0.1, in {@code SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES}): a login the proxy
 * forwards as HTTPS gets a {@code Secure} cookie; one it forwards as HTTP, or one from
 * another address that only claims HTTPS, does not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBehindATlsProxyTests {

	private static final String ACCESS = "let-me-see";

	@AutoClose
	private static final FakeService AUTH = FakeService.start("auth-service");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("storefront.console.services", AUTH::entry);
		registry.add("storefront.console.access-token", () -> ACCESS);
		registry.add("storefront.console.history-file", () -> "target/console-behind-a-tls-proxy-history.jsonl");
		registry.add("server.forward-headers-strategy", () -> "native");
		registry.add("server.tomcat.remoteip.internal-proxies", () -> "127\\.0\\.0\\.1");
	}

	@Test
	void aLoginTheProxyForwardsAsHttpsGetsASecureCookie() throws Exception {
		HttpClient proxy = HttpClient.newHttpClient();

		String login = setCookie(proxy, "/login", "token=" + ACCESS, "https");
		String logout = setCookie(proxy, "/logout", "", "https");

		assertThat(login).startsWith(AccessGate.COOKIE + "=").contains("; Secure", "HttpOnly", "SameSite=Strict");
		assertThat(logout).as("the cookie that clears it").contains("Max-Age=0", "; Secure");
	}

	@Test
	void aLoginTheProxyForwardsAsHttpGetsACookieThatIsNotSecure() throws Exception {
		HttpClient proxy = HttpClient.newHttpClient();

		assertThat(setCookie(proxy, "/login", "token=" + ACCESS, null)).startsWith(AccessGate.COOKIE + "=")
			.doesNotContain("Secure");
		assertThat(setCookie(proxy, "/login", "token=" + ACCESS, "http")).doesNotContain("Secure");
	}

	/** From 127.0.0.2, an address that is not the proxy's. */
	@Test
	void aClientThatIsNotTheProxyIsNotBelievedToComeOverHttps() throws Exception {
		HttpClient notTheProxy = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();

		assertThat(setCookie(notTheProxy, "/login", "token=" + ACCESS, "https")).startsWith(AccessGate.COOKIE + "=")
			.doesNotContain("Secure");
	}

	private String setCookie(HttpClient client, String path, String form, String forwardedProto)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (forwardedProto != null) {
			request.header("X-Forwarded-Proto", forwardedProto);
		}
		HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(path).isEqualTo(303);
		return answer.headers().firstValue("Set-Cookie").orElseThrow();
	}

}
