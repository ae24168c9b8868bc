package io.storefront.web.testing.generated;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What a service's OpenAPI description says, read only as far as generating requests
 * needs it: each path, the operations it declares, their parameters and request body
 * schema. Anything the description leaves out is simply not used, so the reader does not
 * depend on how a service writes its annotations.
 */
public record ApiDescription(List<Route> routes, JsonNode document) {

	public static ApiDescription of(JsonNode document) {
		List<Route> routes = new ArrayList<>();
		JsonNode paths = document.path("paths");
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			List<Parameter> shared = parameters(document, path.getValue().path("parameters"));
			List<Operation> operations = new ArrayList<>();
			for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
				String method = entry.getKey().toUpperCase(Locale.ROOT);
				if (!GeneratedRequests.METHODS.contains(method)) {
					continue;
				}
				List<Parameter> parameters = new ArrayList<>(shared);
				parameters.addAll(parameters(document, entry.getValue().path("parameters")));
				JsonNode body = resolve(document, entry.getValue().path("requestBody"));
				JsonNode bodySchema = null;
				for (Map.Entry<String, JsonNode> content : body.path("content").properties()) {
					bodySchema = content.getValue().path("schema");
					if (content.getKey().contains("json")) {
						break;
					}
				}
				operations.add(new Operation(method, parameters, bodySchema));
			}
			routes.add(new Route(path.getKey(), operations));
		}
		return new ApiDescription(List.copyOf(routes), document);
	}

	/**
	 * Follows a local {@code $ref} ({@code #/components/...}); anything else is returned
	 * as it is.
	 */
	public static JsonNode resolve(JsonNode document, JsonNode node) {
		for (int hops = 0; hops < 16 && node != null && node.has("$ref"); hops++) {
			String ref = node.get("$ref").asString();
			if (!ref.startsWith("#")) {
				return node;
			}
			node = document.at(ref.substring(1));
		}
		return node;
	}

	private static List<Parameter> parameters(JsonNode document, JsonNode declared) {
		List<Parameter> parameters = new ArrayList<>();
		for (JsonNode node : declared) {
			JsonNode parameter = resolve(document, node);
			String name = parameter.path("name").asString("");
			if (!name.isEmpty()) {
				parameters.add(new Parameter(name, parameter.path("in").asString("query"), parameter.path("schema")));
			}
		}
		return parameters;
	}

	/**
	 * One path of the description, as a template ({@code /products/{id}}), and what it
	 * declares.
	 */
	public record Route(String template, List<Operation> operations) {
	}

	public record Operation(String method, List<Parameter> parameters, JsonNode bodySchema) {
	}

	/** {@code in} is {@code path}, {@code query}, {@code header} or {@code cookie}. */
	public record Parameter(String name, String in, JsonNode schema) {
	}

}
