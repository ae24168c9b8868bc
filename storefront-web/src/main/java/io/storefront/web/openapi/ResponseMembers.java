package io.storefront.web.openapi;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;

/**
 * The services write every member of a response body, {@code null} included (no
 * {@code NON_NULL} inclusion), so every property of a schema that only responses use is
 * required: without it, generated clients type every field of an answer as optional.
 * Schemas a request body also uses keep their own {@code required} list, since a client
 * may leave their optional members out. The {@value OpenApiDefaults#PROBLEM} schema keeps
 * its own too: a problem's members depend on its status.
 */
final class ResponseMembers {

	private static final String SCHEMA_REF = "#/components/schemas/";

	private ResponseMembers() {
	}

	static void requireAll(OpenAPI openApi) {
		if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
			return;
		}
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		Set<String> answered = reachable(contents(openApi, false), schemas);
		answered.removeAll(reachable(contents(openApi, true), schemas));
		answered.remove(OpenApiDefaults.PROBLEM);
		for (String name : answered) {
			Schema<?> schema = schemas.get(name);
			if (schema != null && schema.getProperties() != null && !schema.getProperties().isEmpty()) {
				schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
			}
		}
	}

	/** The bodies of every operation's requests, or of its responses. */
	private static Stream<Content> contents(OpenAPI openApi, boolean requests) {
		Stream<Operation> operations = (openApi.getPaths() != null)
				? openApi.getPaths().values().stream().flatMap((path) -> path.readOperations().stream())
				: Stream.empty();
		return operations.flatMap(
				(operation) -> requests ? Stream.ofNullable(operation.getRequestBody()).map((body) -> body.getContent())
						: Stream.ofNullable(operation.getResponses())
							.flatMap((responses) -> responses.values().stream())
							.map((response) -> response.getContent()))
			.filter(Objects::nonNull);
	}

	/** The names of the component schemas these bodies refer to, directly or not. */
	private static Set<String> reachable(Stream<Content> contents, Map<String, Schema> schemas) {
		Deque<Schema<?>> pending = new ArrayDeque<>();
		contents.flatMap((content) -> content.values().stream())
			.map((mediaType) -> mediaType.getSchema())
			.filter(Objects::nonNull)
			.forEach(pending::add);
		Set<String> names = new HashSet<>();
		while (!pending.isEmpty()) {
			Schema<?> schema = pending.pop();
			if (schema.get$ref() != null) {
				String name = schema.get$ref().substring(SCHEMA_REF.length());
				if (names.add(name) && schemas.containsKey(name)) {
					pending.add(schemas.get(name));
				}
			}
			parts(schema).filter(Objects::nonNull).forEach(pending::add);
		}
		return names;
	}

	private static Stream<Schema<?>> parts(Schema<?> schema) {
		Stream<Schema<?>> properties = (schema.getProperties() != null)
				? schema.getProperties().values().stream().map((property) -> (Schema<?>) property) : Stream.empty();
		Stream<Schema<?>> additional = (schema.getAdditionalProperties() instanceof Schema<?> values)
				? Stream.of(values) : Stream.empty();
		return Stream
			.of(properties, Stream.<Schema<?>>ofNullable(schema.getItems()), additional, composed(schema.getAllOf()),
					composed(schema.getOneOf()), composed(schema.getAnyOf()))
			.flatMap((parts) -> parts);
	}

	private static Stream<Schema<?>> composed(Collection<Schema> schemas) {
		return (schemas != null) ? schemas.stream().map((schema) -> (Schema<?>) schema) : Stream.empty();
	}

}
