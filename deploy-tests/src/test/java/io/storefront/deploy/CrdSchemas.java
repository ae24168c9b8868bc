package io.storefront.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CloudNativePG kinds, checked against the {@code openAPIV3Schema} of their published
 * CustomResourceDefinitions (src/test/resources/crds, see the README there). The API
 * server prunes fields a structural schema does not declare; here such a field fails
 * instead, except where the schema says {@code x-kubernetes-preserve-unknown-fields}.
 */
final class CrdSchemas {

	private static final List<String> DEFINITIONS = List.of("crds/postgresql.cnpg.io_clusters.yaml",
			"crds/postgresql.cnpg.io_poolers.yaml");

	private static final Map<String, Schema> SCHEMAS = load();

	private CrdSchemas() {
	}

	static boolean knows(String apiVersion, String kind) {
		return SCHEMAS.containsKey(apiVersion + "/" + kind);
	}

	static void validate(JsonNode object) {
		String apiVersion = object.path("apiVersion").asString();
		String kind = object.path("kind").asString();
		Schema schema = SCHEMAS.get(apiVersion + "/" + kind);
		if (schema == null) {
			throw new SchemaViolation(apiVersion + " " + kind + " has no schema here");
		}
		List<Error> errors = schema.validate(object);
		if (!errors.isEmpty()) {
			throw new SchemaViolation(kind + " " + object.path("metadata").path("name").asString()
					+ " does not match the CloudNativePG schema of " + apiVersion + " " + kind + ": "
					+ errors.stream().map(Error::toString).toList());
		}
	}

	private static Map<String, Schema> load() {
		YAMLMapper yaml = new YAMLMapper();
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
		Map<String, Schema> schemas = new HashMap<>();
		for (String resource : DEFINITIONS) {
			JsonNode definition;
			try (InputStream input = CrdSchemas.class.getClassLoader().getResourceAsStream(resource)) {
				if (input == null) {
					throw new IllegalStateException("missing test resource " + resource);
				}
				definition = yaml.readTree(input);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			String group = definition.path("spec").path("group").asString();
			String kind = definition.path("spec").path("names").path("kind").asString();
			for (JsonNode version : definition.path("spec").path("versions")) {
				ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema").deepCopy();
				refuseUndeclaredFields(schema);
				// the API server checks metadata itself, as for every kind (the CRD only
				// says "object")
				((ObjectNode) schema.path("properties")).putObject("metadata").put("type", "object");
				schemas.put(group + "/" + version.path("name").asString() + "/" + kind, registry.getSchema(schema));
			}
		}
		return Map.copyOf(schemas);
	}

	/**
	 * Every object schema that neither declares extra properties nor preserves unknown
	 * fields refuses them.
	 */
	static void refuseUndeclaredFields(JsonNode schema) {
		if (!(schema instanceof ObjectNode node)) {
			return;
		}
		boolean object = "object".equals(node.path("type").asString(null)) || node.has("properties");
		boolean preserves = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
		if (object && !preserves && !node.has("additionalProperties")) {
			node.put("additionalProperties", false);
		}
		for (JsonNode child : node.path("properties")) {
			refuseUndeclaredFields(child);
		}
		refuseUndeclaredFields(node.path("items"));
		refuseUndeclaredFields(node.path("additionalProperties"));
		for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
			for (JsonNode child : node.path(combinator)) {
				refuseUndeclaredFields(child);
			}
		}
	}

}
