package io.storefront.web.testing.generated;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.web.testing.generated.ApiDescription.Operation;
import io.storefront.web.testing.generated.ApiDescription.Parameter;
import io.storefront.web.testing.generated.ApiDescription.Route;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a running service with generated bad input: reads the service's own OpenAPI
 * description from {@code /v3/api-docs}, then sends every path every HTTP method with
 * generated parameters, headers, content types and bodies, with each of the given
 * Authorization headers (none among them). Each answer is checked against the contract:
 * no 5xx, every error {@code application/problem+json}, and a refused request (4xx)
 * leaves the stored rows as they were. So that these checks cannot pass on a service that
 * refuses everything at its door, some requests must be accepted and some refused by
 * field validation (422).
 *
 * <p>
 * The number of requests is {@code -Dstorefront.generated-requests} (default
 * {@value #DEFAULT_REQUESTS}).
 */
public final class GeneratedRequests {

	public static final String COUNT_PROPERTY = "storefront.generated-requests";

	public static final int DEFAULT_REQUESTS = 2000;

	/**
	 * At least one request in this many must be accepted, and as many refused by
	 * validation (each service gets 20 to 300 of each in 2000).
	 */
	private static final int FLOOR_DIVISOR = 200;

	static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

	private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=UTF-8",
			"application/json; charset=ISO-8859-1", "text/plain", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/problem+json", "*/*",
			"json", "application/json;;;=");

	private static final List<String> ACCEPTS = List.of("*/*", "application/json", "application/problem+json",
			"application/xml", "text/html", "image/png", "application/json;q=0", "*/*;q=abc",
			"application/json;charset=latin1", "application/json;charset=utf-16", "application/json;charset=nonsense");

	/**
	 * Percent-encodings that decode to what a parameter must not hold, or to no text at
	 * all.
	 */
	private static final List<String> RAW_ENCODED = List.of("%00", "a%00b", "%ED%A0%80", "%FF", "%C3%28", "%0A", "%25",
			"%2F", "%2e%2e", "+", "%20");

	private static final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final ObjectMapper json = new ObjectMapper();

	private final String baseUrl;

	private final Map<String, String> authorizations;

	private final Supplier<?> storedState;

	private GeneratedRequests(String baseUrl, Map<String, String> authorizations, Supplier<?> storedState) {
		this.baseUrl = baseUrl;
		this.authorizations = authorizations;
		this.storedState = storedState;
	}

	/**
	 * @param authorizations Authorization header values to send, by name (a null value
	 * sends none)
	 * @param storedState what the service has stored, read before and after every refused
	 * request
	 */
	public static GeneratedRequests against(String baseUrl, Map<String, String> authorizations,
			Supplier<?> storedState) {
		return new GeneratedRequests(baseUrl, new LinkedHashMap<>(authorizations), storedState);
	}

	/**
	 * Reads what is stored from every table of the service's own database, through
	 * {@code jdbc}.
	 */
	public static GeneratedRequests against(String baseUrl, Map<String, String> authorizations, JdbcClient jdbc) {
		return against(baseUrl, authorizations, StoredRows.of(jdbc)::read);
	}

	public static int configuredCount() {
		return Integer.getInteger(COUNT_PROPERTY, DEFAULT_REQUESTS);
	}

	/**
	 * Sends the configured number of requests, prints the report, and fails on any answer
	 * that broke the contract.
	 */
	public Report sendAndAssertContractKept(String service) {
		int count = configuredCount();
		Report report = send(count);
		System.out.println(service + " " + report);
		assertThat(report.failures()).as(service + " " + report).isEmpty();
		assertThat(report.sent()).isEqualTo(count);
		int floor = Math.max(1, count / FLOOR_DIVISOR);
		assertThat(report.answered(200, 299))
			.as("requests accepted, which shows that generated requests get past " + "routing and authentication: "
					+ service + " " + report)
			.isGreaterThanOrEqualTo(floor);
		assertThat(report.answered(422, 422))
			.as("requests refused by field validation, which shows that generated " + "bodies and parameters reach it: "
					+ service + " " + report)
			.isGreaterThanOrEqualTo(floor);
		return report;
	}

	/**
	 * Sends {@code count} generated requests, one at a time, and reports what came back.
	 */
	public Report send(int count) {
		ApiDescription api = ApiDescription
			.of(json.readTree(exchange(new Request("GET", "/v3/api-docs", Map.of(), null, null)).body()));
		if (api.routes().isEmpty()) {
			throw new IllegalStateException("the OpenAPI description at " + this.baseUrl + "/v3/api-docs has no paths");
		}
		Report report = new Report(api.routes().size());
		long start = System.nanoTime();
		requests(api).sampleStream().limit(count).forEach((request) -> check(request, report));
		report.took(Duration.ofNanos(System.nanoTime() - start));
		return report;
	}

	/**
	 * What was stored after the last request, or null when it must be read again (a
	 * request was accepted).
	 */
	private Object stored;

	private void check(Request request, Report report) {
		Object before = (this.stored != null) ? this.stored : this.storedState.get();
		this.stored = null;
		HttpResponse<String> response = exchange(request);
		int status = response.statusCode();
		report.count(status);
		if (status >= 500) {
			report.fail(request, status, "a server error: " + response.body());
			return;
		}
		if (status >= 400) {
			String type = response.headers().firstValue("Content-Type").orElse("");
			if (!type.startsWith("application/problem+json")) {
				report.fail(request, status, "an error that is not problem+json: " + type + " " + response.body());
			}
			Object after = this.storedState.get();
			if (!after.equals(before)) {
				report.fail(request, status, "stored rows changed: " + before + " -> " + after);
			}
			this.stored = after;
		}
	}

	private Arbitrary<Request> requests(ApiDescription api) {
		Arbitrary<Route> routes = Arbitraries.of(api.routes());
		return routes.flatMap((route) -> {
			List<String> declared = route.operations().stream().map(Operation::method).toList();
			Arbitrary<String> methods = Arbitraries.frequencyOf(
					Tuple.of(3, Arbitraries.of(declared.isEmpty() ? List.of("GET") : declared)),
					Tuple.of(1, Arbitraries.of(METHODS)));
			return methods.flatMap((method) -> request(api, route, method));
		});
	}

	private Arbitrary<Request> request(ApiDescription api, Route route, String method) {
		Operation operation = route.operations()
			.stream()
			.filter((candidate) -> candidate.method().equals(method))
			.findFirst()
			.or(() -> route.operations().stream().findFirst())
			.orElse(new Operation(method, List.of(), null));
		Arbitrary<String> path = path(api, route.template(), operation);
		Arbitrary<String> query = query(api, operation);
		Arbitrary<Map<String, String>> headers = headers(api, operation);
		Arbitrary<String> contentType = Arbitraries.of(CONTENT_TYPES).injectNull(0.1);
		Arbitrary<byte[]> body = body(api, operation);
		return Combinators.combine(path, query, headers, contentType, body)
			.as((p, q, h, type, content) -> new Request(method, p + q, h, type, content));
	}

	private Arbitrary<String> path(ApiDescription api, String template, Operation operation) {
		List<Arbitrary<String>> segments = new ArrayList<>();
		int at = 0;
		while (at < template.length()) {
			int open = template.indexOf('{', at);
			int close = (open < 0) ? -1 : template.indexOf('}', open);
			if (open < 0 || close < 0) {
				segments.add(Arbitraries.just(template.substring(at)));
				break;
			}
			segments.add(Arbitraries.just(template.substring(at, open)));
			String name = template.substring(open + 1, close);
			JsonNode schema = operation.parameters()
				.stream()
				.filter((parameter) -> parameter.in().equals("path") && parameter.name().equals(name))
				.map(Parameter::schema)
				.findFirst()
				.orElse(null);
			segments.add(Arbitraries.frequencyOf(
					Tuple.of(4, BadInputs.parameter(api.document(), schema).map(GeneratedRequests::encode)),
					Tuple.of(1, Arbitraries.of(RAW_ENCODED))));
			at = close + 1;
		}
		Arbitrary<String> suffix = Arbitraries.of("", "", "", "", "", "", "/", "/x", ";x=1", "/..");
		segments.add(suffix);
		return Combinators.combine(segments).as((parts) -> String.join("", parts));
	}

	private Arbitrary<String> query(ApiDescription api, Operation operation) {
		List<Arbitrary<String>> pairs = new ArrayList<>();
		for (Parameter parameter : operation.parameters()) {
			if (parameter.in().equals("query")) {
				Arbitrary<String> value = Arbitraries.frequencyOf(
						Tuple.of(4,
								BadInputs.parameter(api.document(), parameter.schema()).map(GeneratedRequests::encode)),
						Tuple.of(1, Arbitraries.of(RAW_ENCODED)));
				pairs.add(value.map((text) -> encode(parameter.name()) + "=" + text).injectNull(0.3));
			}
		}
		pairs.add(Combinators.combine(BadInputs.anyText().map(GeneratedRequests::encode), Arbitraries.of(RAW_ENCODED))
			.as((name, value) -> name + "=" + value)
			.injectNull(0.8));
		return Combinators.combine(pairs).as((parts) -> {
			List<String> present = parts.stream().filter((part) -> part != null).toList();
			return present.isEmpty() ? "" : "?" + String.join("&", present);
		});
	}

	private Arbitrary<Map<String, String>> headers(ApiDescription api, Operation operation) {
		List<String> names = new ArrayList<>(this.authorizations.keySet());
		Arbitrary<String> authorization = Arbitraries.frequencyOf(
				Tuple.of(6, Arbitraries.of(names).map(this.authorizations::get)),
				Tuple.of(1, printable().map((junk) -> "Bearer " + junk)), Tuple.of(1, Arbitraries.of("Bearer",
						"Bearer ", "Basic YTpi", "bearer x.y.z", "Bearer a.b.c", "Bearer eyJhbGciOiJub25lIn0.e30.")));
		List<Arbitrary<Tuple.Tuple2<String, String>>> declared = new ArrayList<>();
		for (Parameter parameter : operation.parameters()) {
			if (parameter.in().equals("header")) {
				declared.add(Arbitraries
					.frequencyOf(Tuple.of(2, BadInputs.parameter(api.document(), parameter.schema())),
							Tuple.of(1, printable()))
					.filter(GeneratedRequests::sendableHeader)
					.map((value) -> Tuple.of(parameter.name(), value))
					.injectNull(0.4));
			}
		}
		for (String conditional : List.of("If-Match", "If-None-Match")) {
			declared.add(Arbitraries
				.of("*", "\"1\"", "W/\"1\"", "\"1\", \"2\"", "\"99999999999999999999999\"", "\"\"", "\"-1\"", "garbage")
				.map((value) -> Tuple.of(conditional, value))
				.injectNull(0.85));
		}
		declared.add(Arbitraries.of(ACCEPTS).map((value) -> Tuple.of("Accept", value)).injectNull(0.7));
		return Combinators.combine(authorization.injectNull(0.2), Combinators.combine(declared).as((list) -> list))
			.as((auth, list) -> {
				Map<String, String> headers = new LinkedHashMap<>();
				if (auth != null) {
					headers.put("Authorization", auth);
				}
				list.stream()
					.filter((header) -> header != null)
					.forEach((header) -> headers.put(header.get1(), header.get2()));
				return headers;
			});
	}

	private Arbitrary<byte[]> body(ApiDescription api, Operation operation) {
		Arbitrary<String> declared = (operation.bodySchema() != null)
				? BadInputs.json(api.document(), operation.bodySchema(), 3) : BadInputs.anyJson(2);
		return Arbitraries.frequencyOf(Tuple.of(8, declared.map(GeneratedRequests::utf8)),
				Tuple.of(2, BadInputs.anyJson(2).map(GeneratedRequests::utf8)),
				Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)),
				Tuple.of(1, Arbitraries.of("", "{", "{\"a\":", "[1,]", "{'a':1}", "{\"a\":1}{", "\u00ef\u00bb\u00bf{}")
					.map(GeneratedRequests::utf8)),
				Tuple.of(2, Arbitraries.just((byte[]) null)));
	}

	private static Arbitrary<String> printable() {
		return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
	}

	/** What HTTP/1.1 allows in a header value (and so what the client library sends). */
	private static boolean sendableHeader(String value) {
		return value.chars().allMatch((c) -> c == '\t' || (c >= 0x20 && c < 0x7f));
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Percent-encodes every byte but unreserved characters; a lone surrogate becomes
	 * {@code ?} as UTF-8 has no form for it.
	 */
	static String encode(String text) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(String.format("%02X", c));
			}
		}
		return encoded.toString();
	}

	private HttpResponse<String> exchange(Request request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + request.pathAndQuery()))
			.timeout(Duration.ofSeconds(30))
			.method(request.method(), (request.body() != null) ? HttpRequest.BodyPublishers.ofByteArray(request.body())
					: HttpRequest.BodyPublishers.noBody());
		request.headers().forEach(builder::header);
		if (request.contentType() != null) {
			builder.header("Content-Type", request.contentType());
		}
		try {
			return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException("no answer to " + request, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One generated request; the body is bytes, so that it may be anything, valid UTF-8
	 * or not.
	 */
	public record Request(String method, String pathAndQuery, Map<String, String> headers, String contentType,
			byte[] body) {

		@Override
		public String toString() {
			String text = (this.body != null) ? new String(this.body, StandardCharsets.UTF_8) : "<no body>";
			return this.method + " " + this.pathAndQuery + " " + this.headers + " Content-Type: " + this.contentType
					+ " body: "
					+ ((text.length() > 300) ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text);
		}

	}

	/**
	 * How many requests were sent, how many of each status came back, and what broke the
	 * contract.
	 */
	public static final class Report {

		private final int paths;

		private final Map<Integer, Integer> statuses = new TreeMap<>();

		private final List<String> failures = new ArrayList<>();

		private int sent;

		private int failed;

		private Duration took = Duration.ZERO;

		Report(int paths) {
			this.paths = paths;
		}

		void took(Duration duration) {
			this.took = duration;
		}

		void count(int status) {
			this.sent++;
			this.statuses.merge(status, 1, Integer::sum);
		}

		void fail(Request request, int status, String what) {
			this.failed++;
			if (this.failures.size() < 20) {
				this.failures.add(status + " " + what + "\n    for " + request);
			}
		}

		public int sent() {
			return this.sent;
		}

		/** How many answers had a status from {@code lowest} to {@code highest}. */
		public int answered(int lowest, int highest) {
			return this.statuses.entrySet()
				.stream()
				.filter((e) -> e.getKey() >= lowest && e.getKey() <= highest)
				.mapToInt(Map.Entry::getValue)
				.sum();
		}

		public int serverErrors() {
			return answered(500, 599);
		}

		/**
		 * The first 20 requests whose answers broke the contract, each with what was
		 * wrong.
		 */
		public List<String> failures() {
			return this.failures;
		}

		@Override
		public String toString() {
			return "generated requests: " + this.sent + " sent to " + this.paths + " paths in " + this.took.toSeconds()
					+ " s; statuses " + this.statuses + "; server errors: " + serverErrors() + "; contract broken by "
					+ this.failed;
		}

	}

}
