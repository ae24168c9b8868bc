package io.storefront.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import io.storefront.web.testing.ApiTraffic;

import static org.assertj.core.api.Assertions.assertThat;

/** The auth API over real HTTP, as a client sees it. */
public final class AuthApi {

	public static final ObjectMapper json = new ObjectMapper();

	private static final HttpClient sharedClient = clientBuilder().build();

	private final HttpClient client;

	private final String baseUrl;

	public AuthApi(String baseUrl) {
		this(baseUrl, sharedClient);
	}

	private AuthApi(String baseUrl, HttpClient client) {
		this.baseUrl = baseUrl;
		this.client = client;
	}

	/**
	 * The same API seen from another client address: a loopback address such as
	 * 127.0.0.7, which the service sees as the request's remote address.
	 */
	public AuthApi from(String loopbackAddress) {
		try {
			return new AuthApi(this.baseUrl,
					clientBuilder().localAddress(InetAddress.getByName(loopbackAddress)).build());
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	private static HttpClient.Builder clientBuilder() {
		return HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NORMAL);
	}

	public static String uniqueEmail(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	/** A JSON object from alternating keys and values. */
	public static String object(Object... keysAndValues) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			fields.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return json.writeValueAsString(fields);
	}

	public Response send(String method, String path, String contentType, String body, String bearer) {
		return send(method, path, contentType, body, bearer, null);
	}

	/** With the {@code Accept} header {@code accept}, unless it is {@code null}. */
	public Response send(String method, String path, String contentType, String body, String bearer, String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (accept != null) {
			request.header("Accept", accept);
		}
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		try {
			HttpRequest sent = request.build();
			HttpResponse<String> response = this.client.send(sent, HttpResponse.BodyHandlers.ofString());
			ApiTraffic.observe(sent, body, true, response);
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public Response post(String path, String body) {
		return send("POST", path, "application/json", body, null);
	}

	public Response post(String path, String body, String bearer) {
		return send("POST", path, "application/json", body, bearer);
	}

	public Response get(String path, String bearer) {
		return send("GET", path, null, null, bearer);
	}

	public Response register(String email, String password) {
		return post("/auth/register", object("email", email, "password", password));
	}

	/** Registers and returns the new account's JSON. */
	public JsonNode registered(String email, String password) {
		Response response = register(email, password);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	public Response login(String email, String password) {
		return post("/auth/login", object("email", email, "password", password));
	}

	/** Logs in and returns the token response. */
	public Tokens loggedIn(String email, String password) {
		Response response = login(email, password);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return Tokens.of(response.json());
	}

	public Response refresh(String refreshToken) {
		return post("/auth/refresh", object("refresh_token", refreshToken));
	}

	public Response me(String accessToken) {
		return get("/auth/me", accessToken);
	}

	public record Tokens(String accessToken, String refreshToken) {

		static Tokens of(JsonNode body) {
			return new Tokens(body.get("access_token").asString(), body.get("refresh_token").asString());
		}

	}

	public record Response(int status, java.net.http.HttpHeaders headers, String body) {

		public JsonNode json() {
			return json.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		public Tokens tokens() {
			return Tokens.of(json());
		}

		/** Asserts an RFC 9457 problem with this status and returns it. */
		public JsonNode problem(int expectedStatus) {
			assertThat(this.status).as(this.body).isEqualTo(expectedStatus);
			assertThat(header("Content-Type")).startsWith("application/problem+json");
			JsonNode problem = json();
			assertThat(problem.get("status").asInt()).isEqualTo(expectedStatus);
			assertThat(problem.get("type").asString()).isNotBlank();
			assertThat(problem.get("title").asString()).isNotBlank();
			assertThat(problem.get("detail").asString()).isNotBlank();
			assertThat(this.body).doesNotContain("Exception").doesNotContain("SQL").doesNotContain("\tat ");
			return problem;
		}

	}

}
