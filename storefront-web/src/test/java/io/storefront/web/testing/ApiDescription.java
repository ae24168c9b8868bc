package io.storefront.web.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published copy of a service's API description ({@code docs/api/<service>.json}):
 * what the running service serves at {@code /v3/api-docs}, with sorted keys and two-space
 * indentation so a diff shows only what changed.
 */
public final class ApiDescription {

	/**
	 * {@code -Dstorefront.api-docs.write=true} rewrites the published copies from the
	 * running services.
	 */
	public static final String WRITE = "storefront.api-docs.write";

	private static final ObjectMapper json = new ObjectMapper()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

	private ApiDescription() {
	}

	/**
	 * The published file of a service, found from the module directory the tests run in.
	 */
	private static Path published(String service) {
		Path module = Path.of("").toAbsolutePath();
		return module.getParent().resolve("docs").resolve("api").resolve(service + ".json");
	}

	/** The description in its published form. */
	public static String canonical(String served) {
		try {
			DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
				.withObjectIndenter(new DefaultIndenter("  ", "\n"))
				.withArrayIndenter(new DefaultIndenter("  ", "\n"));
			return json.writer(printer).writeValueAsString(json.readValue(served, Object.class)) + "\n";
		}
		catch (IOException ex) {
			throw new IllegalStateException("the served description is not JSON", ex);
		}
	}

	/**
	 * Fails unless the published copy of {@code service}'s description is what it serves;
	 * with {@value #WRITE} set to {@code true}, rewrites the copy first.
	 */
	public static void assertPublished(String service, String served) throws IOException {
		Path file = published(service);
		if (Boolean.getBoolean(WRITE)) {
			Files.createDirectories(file.getParent());
			Files.writeString(file, canonical(served));
		}
		String onDisk = Files.exists(file) ? Files.readString(file) : "";
		assertThat(onDisk)
			.as(file + " is not what " + service + "-service serves; if the change is intended, rewrite it with "
					+ "./storefront test -pl " + service + "-service -am -Dtest=ApiDocsTests "
					+ "-Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE + "=true")
			.isEqualTo(canonical(served));
	}

	/**
	 * Fails unless the served description has an operation for each of {@code routes}
	 * ({@code "METHOD /pattern"}, as {@link MappedRoutes#ofApi} gives them) and for no
	 * other, and unless each operation describes its errors: at least one 4xx answer, and
	 * every 4xx and 5xx as {@code application/problem+json}.
	 */
	public static void assertDescribesExactly(String served, List<String> routes) throws IOException {
		JsonNode paths = json.readTree(served).path("paths");
		Map<String, JsonNode> operations = new TreeMap<>();
		paths.fields()
			.forEachRemaining((path) -> path.getValue()
				.fields()
				.forEachRemaining((operation) -> operations
					.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), operation.getValue())));
		assertThat(operations.keySet()).as("the operations described, against the routes mapped")
			.containsExactlyInAnyOrderElementsOf(routes);
		operations.forEach((route, operation) -> {
			List<String> errors = new ArrayList<>();
			operation.path("responses").fieldNames().forEachRemaining((code) -> {
				if (code.startsWith("4") || code.startsWith("5")) {
					errors.add(code);
				}
			});
			assertThat(errors).as("%s: its errors", route).anyMatch((code) -> code.startsWith("4"));
			for (String code : errors) {
				assertThat(operation.path("responses").path(code).path("content").has("application/problem+json"))
					.as("%s %s as problem+json", route, code)
					.isTrue();
			}
		});
	}

	/**
	 * What swagger-parser finds wrong with the document's structure (nothing, for a valid
	 * OpenAPI 3 document).
	 */
	public static List<String> structuralProblems(String description) {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		List<String> messages = new OpenAPIV3Parser().readContents(description, null, options).getMessages();
		return (messages != null) ? messages : List.of();
	}

}
