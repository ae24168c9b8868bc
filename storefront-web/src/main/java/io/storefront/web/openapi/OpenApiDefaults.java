package io.storefront.web.openapi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpHeaders;

/**
 * What every service's API description shares: snake_case schemas, the bearer-token
 * scheme, and the responses that follow from storefront-web or from the operation itself
 * rather than from what a controller does, declared here once. A controller names only
 * the outcomes of its own (a 404, a 409) with a description; every 4xx and 5xx is then
 * described as {@code application/problem+json} with the {@value #PROBLEM} schema.
 */
public final class OpenApiDefaults {

	/** The RFC 9457 problem schema every error response refers to. */
	public static final String PROBLEM = "Problem";

	/**
	 * The security scheme of an access token from auth-service, for
	 * {@code @SecurityRequirement(name = BEARER)}.
	 */
	public static final String BEARER = "bearer";

	private static final String INVALID_FIELD = "A field is missing, of the wrong type or invalid; `errors` names each";

	static final String PROBLEM_JSON = "application/problem+json";

	static final String JSON = "application/json";

	private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

	private OpenApiDefaults() {
	}

	/**
	 * Springdoc describes bodies with its own Jackson 2 mapper, which does not know the
	 * application's (Jackson 3) snake_case naming; without this the schemas would say
	 * {@code fullName} where the API reads and writes {@code full_name}.
	 */
	public static ModelResolver snakeCaseModelResolver() {
		return new RequestFieldModelResolver(
				Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

	/**
	 * Runs after springdoc has read the controllers, and (registered by
	 * auto-configuration) after the services' own customizers, which may make a token
	 * optional. An operation without a security requirement is public and says so
	 * ({@code security: []}). Any operation may answer 401 with a
	 * {@code WWW-Authenticate} challenge: a public one when an invalid token is sent
	 * anyway (RFC 6750), except a public operation that names a 401 of its own. The
	 * {@value #BEARER} scheme is described once some operation names it.
	 */
	public static OpenApiCustomizer sharedResponses() {
		return (openApi) -> {
			components(openApi).addSchemas(PROBLEM, problemSchema());
			components(openApi).getSchemas().remove("ProblemDetail");
			operations(openApi).forEach(OpenApiDefaults::describe);
			patches(openApi).forEach(OpenApiDefaults::acceptPatch);
			ResponseMembers.requireAll(openApi);
			if (operations(openApi).anyMatch((operation) -> names(operation, BEARER))) {
				bearerScheme(openApi.getComponents());
			}
		};
	}

	private static Stream<Operation> operations(OpenAPI openApi) {
		return (openApi.getPaths() != null)
				? openApi.getPaths().values().stream().flatMap((path) -> path.readOperations().stream())
				: Stream.empty();
	}

	private static Stream<Operation> patches(OpenAPI openApi) {
		return (openApi.getPaths() != null)
				? openApi.getPaths().values().stream().map(PathItem::getPatch).filter(Objects::nonNull)
				: Stream.empty();
	}

	/** RFC 5789, section 2.2: a PATCH refused for its body names what it takes. */
	private static void acceptPatch(Operation patch) {
		ApiResponse unsupported = patch.getResponses().get("415");
		if (unsupported != null) {
			header(unsupported, HttpHeaders.ACCEPT_PATCH, "application/json, the only type the body may be",
					new StringSchema());
		}
	}

	private static boolean names(Operation operation, String scheme) {
		return operation.getSecurity().stream().anyMatch((requirement) -> requirement.containsKey(scheme));
	}

	private static void bearerScheme(Components components) {
		if (components.getSecuritySchemes() == null || !components.getSecuritySchemes().containsKey(BEARER)) {
			components.addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An access token from auth-service (POST /auth/login)"));
		}
	}

	private static Components components(OpenAPI openApi) {
		if (openApi.getComponents() == null) {
			openApi.setComponents(new Components());
		}
		if (openApi.getComponents().getSchemas() == null) {
			openApi.getComponents().setSchemas(new TreeMap<>());
		}
		return openApi.getComponents();
	}

	private static void describe(Operation operation) {
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		if (operation.getSecurity() == null) {
			operation.setSecurity(List.of());
		}
		boolean hasBody = operation.getRequestBody() != null;
		add(operation, "400", (hasBody
				? "The body is not valid JSON (or repeats a key) or breaks its chunked coding, the query string is "
				: "The query string is ")
				+ "not valid (a parameter without a name, text that is not percent-encoded UTF-8, or too many "
				+ "parameters), or the request has more than one " + "Authorization header");
		header(operation.getResponses().get("400"), HttpHeaders.WWW_AUTHENTICATE,
				"The RFC 6750 Bearer challenge (invalid_request), when the request had more than one Authorization "
						+ "header",
				new StringSchema());
		if (hasBody) {
			add(operation, "408", "The body did not arrive within the request-body deadline; the connection is closed");
			add(operation, "413", "The body is larger than 1 MiB");
			add(operation, "415", "The body is not application/json, or comes with a Content-Encoding");
			header(operation.getResponses().get("415"), HttpHeaders.ACCEPT,
					"application/json, the only type the body may be", new StringSchema());
			header(operation.getResponses().get("415"), HttpHeaders.ACCEPT_ENCODING,
					"identity, when the body came with a Content-Encoding", new StringSchema());
			invalidBody(operation);
		}
		if (hasHeaderParameter(operation, HttpHeaders.IF_MATCH)) {
			add(operation, "412", "If-Match names an outdated version");
		}
		// a public operation's own 401 (a wrong password, an unknown refresh token) is no
		// bearer challenge: such an operation passes over any token sent to it
		boolean ownChallengeFree401 = operation.getSecurity().isEmpty() && operation.getResponses().containsKey("401");
		add(operation, "401", unauthorized(operation));
		if (!ownChallengeFree401) {
			header(operation.getResponses().get("401"), HttpHeaders.WWW_AUTHENTICATE, "The RFC 6750 Bearer challenge",
					new StringSchema());
		}
		if (answersWithABody(operation)) {
			add(operation, "406", "The Accept header does not allow application/json, this operation's answer "
					+ "(errors are application/problem+json whatever it allows)");
		}
		add(operation, "503", "The database (or another dependency) is unavailable; retry after Retry-After seconds");
		operation.getResponses().forEach(OpenApiDefaults::describeResponse);
	}

	/**
	 * Only a success with a body can be refused for the {@code Accept} header: a 204
	 * answers whatever it asks for.
	 */
	private static boolean answersWithABody(Operation operation) {
		return operation.getResponses()
			.entrySet()
			.stream()
			.anyMatch((response) -> response.getKey().startsWith("2") && !response.getKey().equals("204")
					&& response.getValue().getContent() != null && !response.getValue().getContent().isEmpty());
	}

	/**
	 * A body can always be invalid. An operation that names other reasons for a 422 (a
	 * path id out of range) keeps them first.
	 */
	private static void invalidBody(Operation operation) {
		ApiResponse own = operation.getResponses().get("422");
		if (own == null) {
			add(operation, "422", INVALID_FIELD);
		}
		else {
			own.setDescription(own.getDescription() + ", or a field is invalid");
		}
	}

	private static boolean hasHeaderParameter(Operation operation, String name) {
		return operation.getParameters() != null && operation.getParameters()
			.stream()
			.anyMatch((parameter) -> "header".equals(parameter.getIn()) && name.equalsIgnoreCase(parameter.getName()));
	}

	/**
	 * Some requirement names a scheme: the token is needed, unless an empty requirement
	 * ({@code {}}) makes it optional. No named scheme: the operation needs no token.
	 */
	private static String unauthorized(Operation operation) {
		boolean named = operation.getSecurity().stream().anyMatch((requirement) -> !requirement.isEmpty());
		boolean optional = operation.getSecurity().stream().anyMatch(SecurityRequirement::isEmpty);
		if (named && !optional) {
			return "The bearer token is missing, invalid or expired";
		}
		if (named) {
			return "A bearer token was sent but is invalid or expired";
		}
		return "A bearer token was sent and is invalid or expired (this operation needs none)";
	}

	private static void add(Operation operation, String status, String description) {
		operation.getResponses().putIfAbsent(status, new ApiResponse().description(description));
	}

	private static void describeResponse(String status, ApiResponse response) {
		if (status.startsWith("4") || status.startsWith("5")) {
			response.setContent(
					new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
		}
		if (status.equals("304") || status.equals("204")) {
			response.setContent(null);
		}
		if (status.equals("403")) {
			header(response, HttpHeaders.WWW_AUTHENTICATE,
					"The RFC 6750 Bearer challenge (insufficient_scope), when the token lacks a role",
					new StringSchema());
		}
		if (status.equals("429") || status.equals("503")) {
			header(response, "Retry-After", "Seconds to wait before trying again",
					new IntegerSchema().minimum(java.math.BigDecimal.ZERO));
		}
		if (response.getContent() != null && response.getContent().containsKey("*/*")) {
			response.getContent().put(JSON, response.getContent().remove("*/*"));
		}
		if (response.getHeaders() != null) {
			response.getHeaders()
				.values()
				.stream()
				.filter((header) -> header.getSchema() == null)
				.forEach((header) -> header.setSchema(new StringSchema()));
		}
	}

	private static void header(ApiResponse response, String name, String description, Schema<?> schema) {
		if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
			response.addHeaderObject(name, new Header().description(description).schema(schema));
		}
	}

	private static Schema<?> problemSchema() {
		Schema<?> fieldProblem = new ObjectSchema().description("One invalid field or parameter, named as sent")
			.addProperty("field", new StringSchema().example("quantity"))
			.addProperty("message", new StringSchema().example("must be at least 1"))
			.required(List.of("field", "message"));
		return new ObjectSchema().description("RFC 9457 problem details")
			.properties(new TreeMap<>(Map.of("type",
					new StringSchema().format("uri-reference")
						.description("Identifies the kind of problem")
						.example("about:blank"),
					"title", new StringSchema().description("The status's reason phrase").example("Not Found"),
					"status",
					new IntegerSchema().minimum(java.math.BigDecimal.valueOf(400))
						.maximum(java.math.BigDecimal.valueOf(599))
						.example(404),
					"detail",
					new StringSchema().description("What went wrong, for a person to read")
						.example("no product with id 42"),
					"instance",
					new StringSchema().format("uri-reference")
						.description("The request's path (a relative reference)")
						.example("/products/42"),
					"errors", new ArraySchema().items(fieldProblem).description("422 only: each invalid field"),
					"outcome",
					new StringSchema()._enum(List.of("unknown"))
						.description("503 only: the commit's outcome is unknown; read before retrying a write"))))
			.required(List.of("type", "title", "status", "detail"));
	}

}
