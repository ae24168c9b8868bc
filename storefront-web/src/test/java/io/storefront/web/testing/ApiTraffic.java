package io.storefront.web.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Checks real traffic against the description the service itself serves at
 * {@code /v3/api-docs}, with Atlassian's swagger-request-validator. A test class opts in
 * with {@code @ExtendWith(ApiTraffic.Checked.class)}; its HTTP helper hands every
 * exchange to {@link #observe}. Every response must match the description (status, media
 * type, headers, body). A request the service accepted (2xx or 304) must match it too; a
 * refused one is the test's deliberate mistake, so only its response is checked, and a
 * request to a path or method the description does not have is then not checked at all
 * (nothing describes it).
 */
public final class ApiTraffic {

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final Map<String, OpenApiInteractionValidator> validators = new ConcurrentHashMap<>();

	private static final List<String> mismatches = Collections.synchronizedList(new ArrayList<>());

	private static volatile boolean checking;

	private ApiTraffic() {
	}

	/**
	 * One exchange, as the client saw it. {@code requestBody} is {@code null} when the
	 * request had none or the caller does not know it (then only the response is
	 * checked).
	 */
	public static void observe(HttpRequest request, String requestBody, boolean bodyKnown,
			HttpResponse<String> response) {
		if (!checking || request.uri().getPath().startsWith("/v3/api-docs")) {
			return;
		}
		URI uri = request.uri();
		OpenApiInteractionValidator validator = validators.computeIfAbsent(uri.getScheme() + "://" + uri.getAuthority(),
				ApiTraffic::validatorFor);
		SimpleResponse.Builder served = SimpleResponse.Builder.status(response.statusCode());
		response.headers().map().forEach(served::withHeader);
		if (response.body() != null && !response.body().isEmpty()) {
			served.withBody(response.body());
		}
		int status = response.statusCode();
		boolean accepted = (status >= 200 && status < 300) || status == 304;
		ValidationReport report;
		if (accepted && bodyKnown) {
			report = validator.validate(request(request, requestBody), served.build());
		}
		else {
			report = validator.validateResponse(uri.getPath(), Request.Method.valueOf(request.method()),
					served.build());
			if (!accepted && report.getMessages().stream().anyMatch(ApiTraffic::undescribedOperation)) {
				return;
			}
		}
		report.getMessages()
			.stream()
			.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
			.forEach((message) -> mismatches.add(request.method() + " " + uri + " -> " + status + ": "
					+ message.getKey() + ": " + message.getMessage() + "\n  response body: " + response.body()));
	}

	private static boolean undescribedOperation(ValidationReport.Message message) {
		return message.getKey().equals("validation.request.path.missing")
				|| message.getKey().equals("validation.request.operation.notAllowed");
	}

	private static SimpleRequest request(HttpRequest request, String body) {
		URI uri = request.uri();
		SimpleRequest.Builder builder = new SimpleRequest.Builder(request.method(), uri.getPath());
		request.headers().map().forEach(builder::withHeader);
		if (body != null) {
			builder.withBody(body);
		}
		queryParameters(uri.getRawQuery()).forEach(builder::withQueryParam);
		return builder.build();
	}

	private static Map<String, List<String>> queryParameters(String rawQuery) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return parameters;
		}
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	private static OpenApiInteractionValidator validatorFor(String base) {
		try {
			HttpResponse<String> docs = http.send(
					HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (docs.statusCode() != 200) {
				throw new IllegalStateException(base + "/v3/api-docs answered " + docs.statusCode());
			}
			return OpenApiInteractionValidator.createForInlineApiSpecification(docs.body())
				.withStrictOperationPathMatching()
				// The validator treats every request schema as closed; the description
				// leaves them open, as the
				// services are: an unknown field in a body is ignored.
				.withLevelResolver(LevelResolver.create()
					.withLevel("validation.request.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
					.build())
				.build();
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not read " + base + "/v3/api-docs", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Checks the traffic of each test of the class it extends, and fails the test on any
	 * mismatch.
	 */
	public static final class Checked implements BeforeEachCallback, AfterEachCallback {

		@Override
		public void beforeEach(ExtensionContext context) {
			mismatches.clear();
			checking = true;
		}

		@Override
		public void afterEach(ExtensionContext context) {
			checking = false;
			List<String> found;
			synchronized (mismatches) {
				found = List.copyOf(mismatches);
				mismatches.clear();
			}
			if (!found.isEmpty()) {
				throw new AssertionError(
						"The traffic does not match the served API description:\n" + String.join("\n", found));
			}
		}

	}

}
