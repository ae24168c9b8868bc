package io.storefront.console.view;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.storefront.console.FakeService;
import io.storefront.console.RawHttp;
import io.storefront.console.access.AccessGate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console over real HTTP, with an access token set: without it, only up/down; with it
 * (as a Bearer token, or through the login form's cookie), everything: the rows, the
 * journal, the dependencies and the drill-down.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ProtectedConsoleTests {

	private static final String ACCESS = "let-me-see";

	@AutoClose
	private static final FakeService AUTH = FakeService.start("auth-service");

	@AutoClose
	private static final FakeService CART = FakeService.start("cart-service");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("storefront.console.services", () -> AUTH.entry() + "," + CART.entry());
		registry.add("storefront.console.poll-interval", () -> "300ms");
		registry.add("storefront.console.stale-after", () -> "2s");
		registry.add("storefront.console.down-after", () -> "4s");
		registry.add("storefront.console.access-token", () -> ACCESS);
		registry.add("spring.main.cloud-platform", () -> "kubernetes");
		registry.add("storefront.console.history-file", () -> "target/protected-console-history.jsonl");
	}

	@Test
	void withoutTheTokenOnlyUpOrDownIsShown() throws Exception {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> status(null).path("services").get(0).path("health").asString().equals("up"));
		JsonNode page = status(null);

		assertThat(page.path("accessRequired").asBoolean()).isTrue();
		assertThat(page.path("authorized").asBoolean()).isFalse();
		JsonNode row = page.path("services").get(0);
		assertThat(row.path("name").asString()).isEqualTo("auth-service");
		assertThat(row.path("version").isNull()).isTrue();
		assertThat(row.path("pool").isNull()).isTrue();
		assertThat(row.path("reason").isNull()).isTrue();
		assertThat(page.path("journal")).isEmpty();
		assertThat(page.path("dependencies")).isEmpty();
		HttpResponse<String> refused = get("/api/services/0/detailed", null);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.headers().firstValue("WWW-Authenticate")).as("RFC 9110: a 401 names its scheme")
			.hasValue("Bearer realm=\"storefront-console\"");
		assertThat(JsonMapper.shared().readTree(refused.body()).path("detail").asString())
			.isEqualTo("log in to see the details");
		assertThat(get("/api/status", "Bearer wrong").body()).contains("\"authorized\":false");
	}

	@Test
	void withTheTokenEverythingIsShown() throws Exception {
		// healthy once a poll answered; sampled into the uptime at the beat after it
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			JsonNode row = status("Bearer " + ACCESS).path("services").get(1);
			return row.path("health").asString().equals("healthy") && row.path("uptimeHour").isNumber();
		});
		JsonNode page = status("Bearer " + ACCESS);

		JsonNode cart = page.path("services").get(1);
		assertThat(cart.path("version").asString()).isEqualTo("1.2.3");
		assertThat(cart.path("breaker").asString()).isEqualTo("open");
		assertThat(cart.path("pool").path("inUse").asInt()).isEqualTo(3);
		assertThat(cart.path("pool").path("limit").asInt()).isEqualTo(15);
		assertThat(cart.path("pool").path("serverMax").asInt()).isEqualTo(100);
		assertThat(cart.path("pool").path("serverReserved").asInt()).isEqualTo(3);
		assertThat(cart.path("pool").path("serverUsable").asInt()).as("what a degraded row's reason counts against")
			.isEqualTo(97);
		assertThat(cart.path("strip")).hasSize(60);
		assertThat(cart.path("uptimeHour").isNumber()).isTrue();
		assertThat(page.path("journal").toString()).contains("\"to\":\"healthy\"");
		assertThat(page.path("dependencies").toString()).contains(
				"{\"from\":\"cart-service\",\"to\":\"auth-service\",\"kind\":\"JWKS (token keys)\",\"health\":\"healthy\",\"note\":null}")
			.contains("\"from\":\"cart-service\",\"to\":\"fake_db\",\"kind\":\"database\",\"health\":\"healthy\"");
		HttpResponse<String> detailed = get("/api/services/1/detailed", "Bearer " + ACCESS);
		assertThat(detailed.statusCode()).isEqualTo(200);
		assertThat(detailed.body()).contains("\"operation_tests\"", "\"write_test\":true");
	}

	@Test
	void aServiceNumberThatIsNoneIsAProblem() throws Exception {
		for (String index : new String[] { "2", "-1", "2147483648", "99999999999", "9999999999999999999",
				"-9999999999999999999", "1" + "0".repeat(400) }) {
			HttpResponse<String> missing = get("/api/services/" + index + "/detailed", "Bearer " + ACCESS);
			assertThat(missing.statusCode()).as(index).isEqualTo(404);
			assertIsACompleteProblem(missing);
		}
		HttpResponse<String> notANumber = get("/api/services/abc/detailed", "Bearer " + ACCESS);
		assertThat(notANumber.statusCode()).isEqualTo(400);
		assertIsACompleteProblem(notANumber);
		assertThat(JsonMapper.shared().readTree(notANumber.body()).path("detail").asString())
			.isEqualTo("index must be a whole number as JSON writes it: digits 0-9, no leading zero or plus sign");
		for (String index : new String[] { "0x1", "0X1", "%231", "01", "+1", "-0", "1%20", "%20" + "1", "%EF%BC%91" }) {
			HttpResponse<String> otherSpelling = get("/api/services/" + index + "/detailed", "Bearer " + ACCESS);
			assertThat(otherSpelling.statusCode()).as("one service, one URL: %s", index).isEqualTo(400);
			assertThat(otherSpelling.body()).contains("index must be a whole number as JSON writes it");
		}
		assertThat(get("/api/services/2/detailed", "Bearer " + ACCESS).body()).contains("no service number 2");
		assertThat(get("/api/services/9999999999999999999/detailed", "Bearer " + ACCESS).body())
			.contains("no service number 9999999999999999999");
		assertThat(get("/api/services/9999999999999999999/detailed", null).statusCode())
			.as("without access, as any other number")
			.isEqualTo(401);
	}

	@Test
	void everyErrorIsACompleteProblem() throws Exception {
		HttpResponse<String> refused = get("/api/services/0/detailed", null);
		HttpResponse<String> unknown = get("/no-such-page", null);
		HttpResponse<String> wrongMethod = send("DELETE", "/api/status");

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		for (HttpResponse<String> problem : List.of(refused, unknown, wrongMethod)) {
			assertIsACompleteProblem(problem);
		}
		assertThat(JsonMapper.shared().readTree(unknown.body()).path("detail").asString()).isEqualTo("no such route");
		assertThat(JsonMapper.shared().readTree(unknown.body()).path("instance").asString()).isEqualTo("/no-such-page");
	}

	/**
	 * A 405 names the route and every method it takes, in the services' words, the page's
	 * included: its {@code Allow} says what the route's own {@code OPTIONS} answer says,
	 * {@code HEAD} and {@code OPTIONS} included, where Spring named only the mapped
	 * methods. The method is wrong whatever the {@code Accept} says, so a client that
	 * takes nothing the route answers with is told the same (the page told it 406), and
	 * its {@code OPTIONS} is answered too.
	 */
	@Test
	void aMethodNoRouteTakesIsToldWhatTheRouteTakes() throws Exception {
		String reads = "GET, HEAD and OPTIONS";
		String forms = "POST and OPTIONS";
		for (String[] refusal : new String[][] { { "DELETE", "/api/status", reads }, { "POST", "/api/status", reads },
				{ "PATCH", "/api/services/0/detailed", reads }, { "PUT", "/login", forms }, { "GET", "/logout", forms },
				{ "POST", "/health/live", reads }, { "PUT", "/console.css", reads }, { "DELETE", "/", reads } }) {
			String method = refusal[0];
			String path = refusal[1];
			for (String accept : List.of("*/*", "application/xml")) {
				String request = method + " " + path + " accepting " + accept;
				HttpResponse<String> refused = send(method, path, accept);

				assertThat(refused.statusCode()).as(request).isEqualTo(405);
				assertIsACompleteProblem(refused);
				HttpResponse<String> options = send("OPTIONS", path, accept);
				assertThat(options.statusCode()).as("OPTIONS %s accepting %s", path, accept).isEqualTo(200);
				assertThat(allowed(refused)).as(request)
					.containsExactlyElementsOf(List.of(refusal[2].split(" and |, ")))
					.as("what OPTIONS %s says", path)
					.containsExactlyInAnyOrderElementsOf(allowed(options));
				assertThat(JsonMapper.shared().readTree(refused.body()).path("detail").asString()).as(request)
					.isEqualTo("the route " + path + " takes " + refusal[2] + ", not " + method);
			}
		}
	}

	/**
	 * No route takes {@code PATCH}, so no {@code OPTIONS} answer names the types a
	 * {@code PATCH} takes: Spring MVC's sent an empty {@code Accept-Patch}, which RFC
	 * 5789 (section 3.1) does not allow.
	 */
	@Test
	void anOptionsAnswerSaysNothingOfPatch() throws Exception {
		for (String path : List.of("/", "/api/status", "/api/services/0/detailed", "/login", "/logout", "/health/live",
				"/health/ready", "/console.js")) {
			HttpResponse<String> options = send("OPTIONS", path);

			assertThat(options.statusCode()).as(path).isEqualTo(200);
			assertThat(options.headers().firstValue("Allow")).as(path).isPresent();
			assertThat(options.headers().firstValue("Accept-Patch")).as(path).isEmpty();
		}
	}

	/**
	 * A 406 names what the route answers with, in the services' words, the page's
	 * included, and an {@code Accept} that cannot be read is told so. The API and the
	 * probes answer with JSON only: they named {@code application/*+json} too, as any
	 * route that does not say what it produces.
	 */
	@Test
	void anAcceptTheRouteCannotSatisfyIsToldWhatTheRouteAnswersWith() throws Exception {
		for (String path : List.of("/api/status", "/api/services/0/detailed", "/health/live", "/health/ready")) {
			HttpResponse<String> xml = getAccepting(path, "application/xml");
			HttpResponse<String> unreadable = getAccepting(path, "*/*;q=abc");

			for (HttpResponse<String> refused : List.of(xml, unreadable)) {
				assertThat(refused.statusCode()).as(path).isEqualTo(406);
				assertIsACompleteProblem(refused);
			}
			assertThat(JsonMapper.shared().readTree(xml.body()).path("detail").asString()).as(path)
				.isEqualTo("this route answers only with application/json, and the Accept header asks for none of it");
			assertThat(JsonMapper.shared().readTree(unreadable.body()).path("detail").asString()).as(path)
				.isEqualTo("the Accept header is not a list of media types; this route answers only with "
						+ "application/json");
		}
		for (String accept : List.of("application/xml", "application/json;q=0")) {
			HttpResponse<String> page = getAccepting("/", accept);
			assertThat(JsonMapper.shared().readTree(page.body()).path("detail").asString()).as(accept)
				.isEqualTo("this route answers only with text/html, and the Accept header asks for none of it");
		}
	}

	/**
	 * A client that takes JSON, whatever else it takes, gets the API's and the probes'
	 * JSON as it did before they said what they produce.
	 */
	@Test
	void aClientThatTakesJsonGetsJson() throws Exception {
		for (String path : List.of("/api/status", "/api/services/0/detailed", "/health/live")) {
			for (String accept : List.of("*/*", "application/json", "application/*",
					"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")) {
				HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(uri(path))
					.header("Authorization", "Bearer " + ACCESS)
					.header("Accept", accept)
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(answer.statusCode()).as("%s accepting %s", path, accept).isEqualTo(200);
				assertThat(answer.headers().firstValue("Content-Type")).as("%s accepting %s", path, accept)
					.hasValue("application/json");
			}
		}
	}

	/**
	 * The console reads {@code Accept} as the services do (RFC 9110): JSON of weight 0 is
	 * not acceptable even beside a wider range, a type's parameters are not honoured, and
	 * empty elements are ignored.
	 */
	@Test
	void acceptIsWeighedAsAtTheServices() throws Exception {
		for (String path : List.of("/api/status", "/api/services/0/detailed", "/health/live")) {
			for (String accept : List.of("application/json;q=0, */*", "application/*;q=0, */*", "*/*;q=0")) {
				HttpResponse<String> refused = getAcceptingWithToken(path, accept);
				assertThat(refused.statusCode()).as("%s accepting %s", path, accept).isEqualTo(406);
				assertIsACompleteProblem(refused);
			}
			for (String accept : List.of("application/json;charset=latin1", "application/json;version=2",
					", application/json", ",", "application/*;q=0, application/json")) {
				HttpResponse<String> answer = getAcceptingWithToken(path, accept);
				assertThat(answer.statusCode()).as("%s accepting %s", path, accept).isEqualTo(200);
				assertThat(answer.headers().firstValue("Content-Type")).as("%s accepting %s", path, accept)
					.hasValue("application/json");
			}
		}
	}

	/**
	 * What Spring MVC never sees: a path Tomcat refuses, TRACE (which Tomcat answers
	 * itself, in the words of the services, which name no service: the console is none),
	 * and {@code /error} asked for directly.
	 */
	@Test
	void errorsOutsideTheControllersAreCompleteProblemsToo() throws Exception {
		HttpResponse<String> encodedNul = get("/%00", null);
		HttpResponse<String> trace = send("TRACE", "/api/status");
		HttpResponse<String> errorPage = get("/error", null);

		assertThat(encodedNul.statusCode()).isEqualTo(400);
		assertThat(trace.statusCode()).isEqualTo(405);
		assertThat(trace.headers().firstValue("Allow")).as("only what the console answers")
			.hasValue("GET, HEAD, POST, OPTIONS");
		assertThat(JsonMapper.shared().readTree(trace.body()).path("detail").asString())
			.isEqualTo("TRACE is not allowed on any route");
		assertThat(errorPage.statusCode()).isEqualTo(404);
		for (HttpResponse<String> problem : List.of(encodedNul, trace, errorPage)) {
			assertIsACompleteProblem(problem);
		}
	}

	/**
	 * A client that takes nothing the console answers ({@code Accept: application/xml}
	 * for the page, a type refused with q=0), or whose {@code Accept} cannot be read,
	 * still gets its problem, as the services do: not an empty 406.
	 */
	@Test
	void aClientThatTakesNoAnswerOfTheConsoleGetsAProblemAllTheSame() throws Exception {
		for (String accept : List.of("application/xml", "application/json;q=0")) {
			HttpResponse<String> page = getAccepting("/", accept);
			assertThat(page.statusCode()).as(accept).isEqualTo(406);
			assertIsACompleteProblem(page);
		}
		assertThat(getAccepting("/", "text/html").statusCode()).isEqualTo(200);
		assertThat(getAccepting("/", "*/*").statusCode()).isEqualTo(200);
		assertThat(getAccepting("/", ",").statusCode()).as("a list of no type, read as no Accept at all")
			.isEqualTo(200);
		List<HttpResponse<String>> unreadable = new ArrayList<>();
		for (String path : List.of("/api/status", "/health/live", "/no-such-page", "/api/services/x/detailed",
				"/api/services/0/detailed")) {
			unreadable.add(getAccepting(path, "*/*;q=abc"));
		}
		unreadable.add(post("/login", "token=" + ACCESS, "Sec-Fetch-Site", "cross-site", "Accept", "*/*;q=abc"));
		unreadable.add(this.http.send(HttpRequest.newBuilder(uri("/api/services/7/detailed"))
			.header("Authorization", "Bearer " + ACCESS)
			.header("Accept", "*/*;q=abc")
			.build(), HttpResponse.BodyHandlers.ofString()));
		for (HttpResponse<String> problem : unreadable) {
			assertThat(problem.statusCode()).as(problem.request().uri().getPath()).isGreaterThanOrEqualTo(400);
			assertIsACompleteProblem(problem);
		}
	}

	@Test
	void theLoginFormGivesACookieThatOpensThePage() throws Exception {
		HttpResponse<String> wrong = post("/login", "token=nope");
		assertThat(wrong.statusCode()).isEqualTo(303);
		assertThat(wrong.headers().firstValue("Location")).hasValue("/?login=failed");
		assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();

		HttpResponse<String> right = post("/login", "token=" + ACCESS);
		assertThat(right.statusCode()).isEqualTo(303);
		String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
		String session = cookie.substring(0, cookie.indexOf(';'));

		HttpRequest withCookie = HttpRequest.newBuilder(uri("/api/status")).header("Cookie", session).build();
		assertThat(this.http.send(withCookie, HttpResponse.BodyHandlers.ofString()).body())
			.contains("\"authorized\":true");
	}

	/**
	 * A visitor logs in with the form and logs out as the page does (a same-origin post
	 * carrying the cookie): the cookie it still holds opens nothing any more.
	 */
	@Test
	void loggingOutEndsTheSessionOfTheCookie() throws Exception {
		String origin = "http://127.0.0.1:" + this.port;
		String cookie = post("/login", "token=" + ACCESS, "Sec-Fetch-Site", "same-origin", "Origin", origin).headers()
			.firstValue("Set-Cookie")
			.orElseThrow();
		String session = cookie.substring(0, cookie.indexOf(';'));
		assertThat(getWithCookie("/api/status", session).body()).contains("\"authorized\":true");

		HttpResponse<String> logout = post("/logout", "", "Sec-Fetch-Site", "same-origin", "Origin", origin, "Cookie",
				session);

		assertThat(logout.statusCode()).isEqualTo(303);
		assertThat(logout.headers().firstValue("Set-Cookie")).hasValueSatisfying(
				(cleared) -> assertThat(cleared).startsWith(AccessGate.COOKIE + "=;").contains("Max-Age=0"));
		assertThat(getWithCookie("/api/status", session).body()).as("the old cookie, kept by its holder")
			.contains("\"authorized\":false");
		HttpResponse<String> details = getWithCookie("/api/services/0/detailed", session);
		assertThat(details.statusCode()).isEqualTo(401);
		assertIsACompleteProblem(details);
	}

	/**
	 * A login over plain HTTP that claims, in {@code X-Forwarded-Proto}, to have come
	 * over HTTPS: with no proxy set up (on Kubernetes too) the scheme is the connection's
	 * own, so the cookie is not {@code Secure}.
	 */
	@Test
	void aClaimedHttpsIsNotBelievedWithoutAProxySetUp() throws Exception {
		HttpResponse<String> login = post("/login", "token=" + ACCESS, "X-Forwarded-Proto", "https");

		assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(
				(cookie) -> assertThat(cookie).startsWith(AccessGate.COOKIE + "=").doesNotContain("Secure"));
	}

	/**
	 * A token that is not valid percent-encoding, in the form or the query string, is bad
	 * input: a 400, and never in the log (Tomcat's exception quotes the value), nor an
	 * error with a stack trace. Nor is a form sent with a method the console does not
	 * take.
	 */
	@Test
	void aMalformedTokenIsRefusedWithoutLoggingIt(CapturedOutput output) throws Exception {
		HttpResponse<String> form = post("/login", "token=SomeSecret%ZZ");
		// the JDK's client sends no such URI
		String query = RawHttp.send(this.port, "POST /login?token=SomeSecret%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Content-Length: 0\r\nConnection: close\r\n\r\n");

		assertThat(form.statusCode()).isEqualTo(400);
		assertIsACompleteProblem(form);
		assertThat(form.body()).doesNotContain("SomeSecret");
		assertThat(form.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(query).startsWith("HTTP/1.1 400 ")
			.contains("Content-Type: application/problem+json")
			.doesNotContain("SomeSecret", "Set-Cookie");
		for (String method : List.of("PUT", "PATCH", "DELETE")) {
			HttpResponse<String> unread = this.http.send(HttpRequest.newBuilder(uri("/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.method(method, HttpRequest.BodyPublishers.ofString("token=SomeSecret%ZZ"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(unread.statusCode()).as(method).isEqualTo(405);
			assertIsACompleteProblem(unread);
		}
		assertThat(output).doesNotContain("SomeSecret").doesNotContain("\tat ").doesNotContainPattern(" ERROR ");
	}

	@Test
	void twoAuthorizationHeadersAreRefusedEvenWhenBothHoldTheToken() throws Exception {
		for (String path : new String[] { "/api/status", "/api/services/0/detailed", "/" }) {
			HttpResponse<String> twice = this.http.send(HttpRequest.newBuilder(uri(path))
				.header("Authorization", "Bearer " + ACCESS)
				.header("Authorization", "Bearer " + ACCESS)
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(twice.statusCode()).as(path).isEqualTo(400);
			assertIsACompleteProblem(twice);
			assertThat(twice.body()).as(path).contains("more than one Authorization header");
		}
		assertThat(get("/api/services/0/detailed", "Bearer " + ACCESS).statusCode()).as("one is answered")
			.isEqualTo(200);
		HttpResponse<String> probe = this.http.send(HttpRequest.newBuilder(uri("/health/ready"))
			.header("Authorization", "Bearer a")
			.header("Authorization", "Bearer b")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(probe.statusCode()).as("the console's own probes read no token").isIn(200, 503);
	}

	/**
	 * A token in the URL is kept by access logs and browser histories: refused, unread.
	 */
	@Test
	void aTokenInTheQueryStringIsRefused() throws Exception {
		for (String query : List.of("token=" + ACCESS, "%74oken=" + ACCESS, "x=1&token=" + ACCESS)) {
			HttpResponse<String> inUrl = this.http.send(HttpRequest.newBuilder(uri("/login?" + query))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("token=" + ACCESS))
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(inUrl.statusCode()).as(query).isEqualTo(400);
			assertIsACompleteProblem(inUrl);
			assertThat(inUrl.body()).contains("not in the URL").doesNotContain(ACCESS);
			assertThat(inUrl.headers().firstValue("Set-Cookie")).as(query).isEmpty();
		}
		assertThat(post("/login", "token=" + ACCESS).headers().firstValue("Set-Cookie")).isPresent();
	}

	/**
	 * Tomcat set aside a form's declared length before reading it: 55 connections that
	 * each declared 2 MB and sent a few bytes ended the console with OutOfMemoryError. A
	 * form over the limit is answered at once, without waiting for (or room for) its
	 * rest.
	 */
	@Test
	void aLoginFormDeclaringMoreThanATokenNeedsIsAnsweredWithoutWaitingForItsRest() throws Exception {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\ntoken=a")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String statusLine = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
				.readLine();
			assertThat(statusLine).startsWith("HTTP/1.1 400 ");
		}
	}

	/**
	 * Forms posted to the login and the logout as a browser would send them from a page
	 * that is not the console's: another site, another site of the same registrable
	 * domain ({@code same-site}), an opaque origin ({@code Origin: null}, as a sandboxed
	 * frame or a redirect sends), and another port of the console's own host, which is
	 * another origin.
	 */
	@Test
	void aFormPostedByAnotherSiteIsRefused() throws Exception {
		String otherPort = "http://127.0.0.1:" + ((this.port == 65535) ? 65534 : this.port + 1);
		List<HttpResponse<String>> fromElsewhere = new ArrayList<>();
		for (String path : List.of("/login", "/logout")) {
			String form = path.equals("/login") ? "token=" + ACCESS : "";
			fromElsewhere.add(post(path, form, "Origin", "http://attacker.example"));
			fromElsewhere.add(post(path, form, "Sec-Fetch-Site", "cross-site"));
			fromElsewhere.add(post(path, form, "Sec-Fetch-Site", "same-site"));
			fromElsewhere.add(post(path, form, "Origin", "null"));
			fromElsewhere.add(post(path, form, "Origin", otherPort));
		}

		for (HttpResponse<String> refused : fromElsewhere) {
			assertThat(refused.statusCode()).as("%s %s", refused.request().uri().getPath(), refused.request().headers())
				.isEqualTo(403);
			assertIsACompleteProblem(refused);
			assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
		}
		assertThat(post("/login", "token=" + ACCESS, "Origin", "http://127.0.0.1:" + this.port).statusCode())
			.as("the console's own page")
			.isEqualTo(303);
		assertThat(post("/login", "token=" + ACCESS, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(303);
	}

	/**
	 * From an address of its own (127.0.0.2), so the other tests' logins from 127.0.0.1
	 * are not counted with its guesses. Each guess claims another address in
	 * {@code X-Forwarded-For}, which counts for nothing, on Kubernetes too.
	 */
	@Test
	void anAddressThatGuessedWrongTooOftenWaitsWhileOthersGoOn() throws Exception {
		HttpClient guesser = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
		for (int guess = 0; guess < 10; guess++) {
			HttpResponse<String> wrong = guesser.send(HttpRequest.newBuilder(uri("/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-Forwarded-For", "203.0.113." + (guess + 1))
				.POST(HttpRequest.BodyPublishers.ofString("token=guess-" + guess))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(wrong.headers().firstValue("Location")).as("guess %d", guess).hasValue("/?login=failed");
		}

		HttpResponse<String> waiting = send(guesser, "/login", "token=" + ACCESS);
		HttpResponse<String> bearer = guesser.send(HttpRequest.newBuilder(uri("/api/services/0/detailed"))
			.header("Authorization", "Bearer " + ACCESS)
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(waiting.statusCode()).isEqualTo(429);
		assertIsACompleteProblem(waiting);
		assertThat(waiting.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
		assertThat(bearer.statusCode()).as("not even the right token is checked, and the answer says why")
			.isEqualTo(429);
		assertIsACompleteProblem(bearer);
		assertThat(bearer.body()).contains("too many wrong tokens from this address");
		assertThat(bearer.headers().firstValue("Retry-After")).isPresent();
		assertThat(post("/login", "token=" + ACCESS).headers().firstValue("Set-Cookie")).as("another address logs in")
			.isPresent();
	}

	/** From an address of its own (127.0.0.3), apart from the other tests' guesses. */
	@Test
	void eachOfTheTenWrongBearerTokensIsToldItIsWrongAndOnlyTheNextWaits() throws Exception {
		HttpClient guesser = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.3")).build();
		for (int guess = 0; guess < 10; guess++) {
			HttpResponse<String> wrong = guesser.send(HttpRequest.newBuilder(uri("/api/services/0/detailed"))
				.header("Authorization", "Bearer guess-" + guess)
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(wrong.statusCode()).as("guess %d", guess).isEqualTo(401);
		}

		HttpResponse<String> eleventh = guesser.send(HttpRequest.newBuilder(uri("/api/services/0/detailed"))
			.header("Authorization", "Bearer guess-10")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(eleventh.statusCode()).isEqualTo(429);
		assertThat(eleventh.headers().firstValue("Retry-After")).isPresent();
	}

	/**
	 * From an address of its own (127.0.0.4). {@code /api/status} answered the right
	 * Bearer token from a waiting address as a wrong one (200, not authorized), where the
	 * details answered 429: the page's own endpoint says to wait too, while a request
	 * that sends no token still sees up or down.
	 */
	@Test
	void theStatusMakesAnAddressThatGuessedWrongTooOftenWaitAsTheDetailsDo() throws Exception {
		HttpClient guesser = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.4")).build();
		for (int guess = 0; guess < 10; guess++) {
			HttpResponse<String> wrong = guesser.send(
					HttpRequest.newBuilder(uri("/api/status")).header("Authorization", "Bearer guess-" + guess).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(wrong.statusCode()).as("guess %d", guess).isEqualTo(200);
			assertThat(wrong.body()).as("guess %d", guess).contains("\"authorized\":false");
		}

		HttpResponse<String> right = guesser.send(
				HttpRequest.newBuilder(uri("/api/status")).header("Authorization", "Bearer " + ACCESS).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> withoutToken = guesser.send(HttpRequest.newBuilder(uri("/api/status")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(right.statusCode()).as("the right token, not checked, is not called wrong").isEqualTo(429);
		assertIsACompleteProblem(right);
		assertThat(right.body()).contains("too many wrong tokens from this address");
		assertThat(right.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
		assertThat(withoutToken.statusCode()).isEqualTo(200);
		assertThat(withoutToken.body()).contains("\"authorized\":false");
	}

	@Test
	void thePageAndItsScriptAreServedFromTheConsoleItself() throws Exception {
		HttpResponse<String> page = get("/", null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<script src=\"console.js\"></script>").doesNotContain("http://", "https://");
		assertThat(get("/console.js", null).statusCode()).isEqualTo(200);
	}

	/**
	 * With only {@code Last-Modified}, a browser may keep the page, its script or its
	 * style by heuristic for a while, and so run an old script against a console just
	 * upgraded: each is asked again every time, and answered 304 only while its content
	 * is the one the browser has (the page at {@code /} as at {@code /index.html}). No
	 * date stands in for the content: a jar rolled back with its older date must not be
	 * taken for the newer one a browser saw.
	 */
	@Test
	void thePageItsScriptAndItsStyleAreRevalidatedEveryTimeByTheirContent() throws Exception {
		HttpResponse<String> page = get("/", null);
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
		assertThat(page.headers().firstValue("Last-Modified")).isEmpty();
		assertThat(getWith("/", "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT").body()).isEqualTo(page.body());
		for (String path : List.of("/", "/index.html", "/console.js", "/console.css", "/noscript.css",
				"/favicon.svg")) {
			HttpResponse<String> asset = get(path, null);
			assertThat(asset.statusCode()).as(path).isEqualTo(200);
			assertThat(asset.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
			assertThat(asset.headers().firstValue("Last-Modified")).as(path).isEmpty();
			String tag = asset.headers().firstValue("ETag").orElseThrow();

			HttpResponse<String> same = getWith(path, "If-None-Match", tag);
			HttpResponse<String> changed = getWith(path, "If-None-Match", "\"0another-content\"");
			HttpResponse<String> datedLater = getWith(path, "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT");

			assertThat(same.statusCode()).as(path).isEqualTo(304);
			assertThat(changed.statusCode()).as(path).isEqualTo(200);
			assertThat(changed.body()).as(path).isEqualTo(asset.body());
			assertThat(datedLater.statusCode()).as(path).isEqualTo(200);
		}
	}

	private HttpResponse<String> getWith(String path, String header, String value) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).header(header, value).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void theConsolesOwnProbesAreOpenAndSayWhatTheServicesSay() throws Exception {
		assertThat(get("/health/live", null).body()).contains("\"status\":\"alive\"")
			.contains("\"service\":\"storefront-console\"");
		assertThat(get("/health/ready", null).body()).contains("\"status\":\"ready\"")
			.contains("\"service\":\"storefront-console\"");
	}

	/**
	 * With a token the console may be reached by any name: what it shows to a visitor
	 * without the token is up or down only.
	 */
	@Test
	void aProtectedConsoleAnswersAtAnyName() throws Exception {
		assertThat(RawHttp.get(this.port, "/api/status", "console.example")).startsWith("HTTP/1.1 200 ")
			.contains("\"authorized\":false");
	}

	@Test
	void everyAnswerTellsTheBrowserToRunOnlyTheConsolesOwnCodeAndNeverInAFrame() throws Exception {
		for (HttpResponse<String> answer : List.of(get("/", null), get("/console.js", null), get("/api/status", null),
				get("/no-such-page", null), get("/%00", null), send("TRACE", "/api/status"),
				get("/api/services/x/detailed", null), get("/health/live", null))) {
			String request = answer.request().method() + " " + answer.request().uri().getRawPath();
			assertThat(answer.headers().firstValue("Content-Security-Policy")).as(request)
				.hasValueSatisfying((policy) -> assertThat(policy).contains("default-src 'self'",
						"frame-ancestors 'none'", "form-action 'self'"));
			assertThat(answer.headers().firstValue("X-Frame-Options")).as(request).hasValue("DENY");
			assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(request).hasValue("nosniff");
			assertThat(answer.headers().firstValue("Referrer-Policy")).as(request).hasValue("no-referrer");
		}
	}

	/**
	 * The members every error of the project carries (RFC 9457), {@code type} included.
	 */
	private static void assertIsACompleteProblem(HttpResponse<String> response) {
		String request = response.request().uri().toString();
		assertThat(response.headers().firstValue("Content-Type")).as(request).hasValue("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.path("type").asString()).as(request).isEqualTo("about:blank");
		assertThat(problem.path("title").asString()).as(request).isNotBlank();
		assertThat(problem.path("status").asInt()).as(request).isEqualTo(response.statusCode());
		assertThat(problem.path("detail").asString()).as(request).isNotBlank();
	}

	/** The methods an answer's {@code Allow} names, in its order. */
	private static List<String> allowed(HttpResponse<String> response) {
		return List.of(response.headers().firstValue("Allow").orElseThrow().split(",\\s*"));
	}

	private JsonNode status(String authorization) throws IOException, InterruptedException {
		return JsonMapper.shared().readTree(get("/api/status", authorization).body());
	}

	private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> getWithCookie(String path, String cookie) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> getAccepting(String path, String accept) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> getAcceptingWithToken(String path, String accept)
			throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + ACCESS)
			.header("Accept", accept)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		return this.http.send(
				HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(String method, String path, String accept)
			throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri(path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Accept", accept)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> send(HttpClient client, String path, String form)
			throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String form, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
