package io.storefront.product.catalog;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

import io.storefront.product.ProductApiTestSupport;
import io.storefront.web.testing.ApiTraffic;
import io.storefront.web.testing.DeclaredBodyClient;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input table: every endpoint, every kind of bad request, each answered with the
 * contract's status as problem+json, never a 5xx, and nothing written (the catalog's size
 * and the target product are unchanged).
 */
@ExtendWith(ApiTraffic.Checked.class)
@Tag("reliability")
class BadInputTests extends ProductApiTestSupport {

	private static final String MISSING = "<missing>";

	private static final String NO_BODY = null;

	private static long targetId;

	private static String targetSku;

	@BeforeEach
	void target() {
		if (targetId == 0) {
			targetSku = unique("TARGET");
			targetId = create(product(targetSku, "Target", unique("target"))).get("id").asLong();
		}
	}

	static Stream<Case> cases() {
		List<Case> cases = new ArrayList<>();
		for (String write : List.of("POST /products", "PUT /products/{id}")) {
			String method = write.substring(0, write.indexOf(' '));
			String path = write.substring(write.indexOf(' ') + 1);
			fieldCases(method, path, cases);
			bodyCases(method, path, cases);
			tokenCases(method, path, validBody(), cases);
		}
		tokenCases("DELETE", "/products/{id}", NO_BODY, cases);
		for (String read : List.of("/products", "/products/{id}")) {
			cases.add(new Case("GET", read, Token.TAMPERED, null, NO_BODY, 401, null));
			cases.add(new Case("GET", read, Token.EXPIRED, null, NO_BODY, 401, null));
			cases.add(new Case("GET", read, Token.ALG_NONE, null, NO_BODY, 401, null));
		}
		for (String method : List.of("GET", "PUT", "DELETE")) {
			cases.add(new Case(method, "/products/abc", Token.ADMIN, json(method), body(method), 422, "id"));
			cases.add(new Case(method, "/products/0", Token.ADMIN, json(method), body(method), 422, "id"));
			cases.add(new Case(method, "/products/-1", Token.ADMIN, json(method), body(method), 422, "id"));
			cases.add(new Case(method, "/products/1e3", Token.ADMIN, json(method), body(method), 422, "id"));
			cases.add(new Case(method, "/products/0x1", Token.ADMIN, json(method), body(method), 422, "id"));
			cases.add(new Case(method, "/products/%231", Token.ADMIN, json(method), body(method), 422, "id"));
			cases.add(new Case(method, "/products/99999999999999999999", Token.ADMIN, json(method), body(method), 422,
					"id"));
			cases.add(new Case(method, "/products/" + Long.MAX_VALUE, Token.ADMIN, json(method), body(method), 404,
					null));
		}
		cases.add(new Case("GET", "/products?limit=0", Token.NONE, null, NO_BODY, 422, "limit"));
		cases.add(new Case("GET", "/products?limit=1000", Token.NONE, null, NO_BODY, 422, "limit"));
		cases.add(new Case("GET", "/products?offset=-5", Token.NONE, null, NO_BODY, 422, "offset"));
		cases.add(new Case("GET", "/products?limit=0x10", Token.NONE, null, NO_BODY, 422, "limit"));
		cases.add(new Case("GET", "/products?limit=ten", Token.NONE, null, NO_BODY, 422, "limit"));
		cases.add(new Case("GET", "/products?q=keyboard&q=mouse", Token.NONE, null, NO_BODY, 422, "q"));
		cases.add(new Case("GET", "/products?limit=1&limit=50", Token.NONE, null, NO_BODY, 422, "limit"));
		cases.add(new Case("GET", "/products?q=%27%3B%20DROP%20TABLE%20products%3B--", Token.NONE, null, NO_BODY, 200,
				null));
		cases.add(new Case("GET", "/products?category=%27%20OR%201%3D1--", Token.NONE, null, NO_BODY, 200, null));
		cases.add(new Case("GET", "/products?category=a%00b", Token.NONE, null, NO_BODY, 422, "category"));
		cases.add(new Case("GET", "/products?q=a%00b", Token.NONE, null, NO_BODY, 422, "q"));
		// Not valid percent-encoded UTF-8, or refused by Tomcat before any servlet: 400.
		cases.add(new Case("GET", "/products?q=%FF%FE", Token.NONE, null, NO_BODY, 400, null));
		cases.add(new Case("GET", "/products?category=%C3%28", Token.NONE, null, NO_BODY, 400, null));
		cases.add(new Case("GET", "/products/%00", Token.NONE, null, NO_BODY, 400, null));
		cases.add(new Case("DELETE", "/products/%00", Token.ADMIN, null, NO_BODY, 400, null));
		// Unknown routes and wrong methods.
		cases.add(new Case("GET", "/nowhere", Token.NONE, null, NO_BODY, 404, null));
		cases.add(new Case("GET", "/products/{id}/reviews", Token.NONE, null, NO_BODY, 404, null));
		cases.add(new Case("GET", "/products/", Token.NONE, null, NO_BODY, 404, null));
		cases.add(new Case("POST", "/products/{id}", Token.ADMIN, "application/json", validBody(), 405, null));
		cases.add(new Case("PUT", "/products", Token.ADMIN, "application/json", validBody(), 405, null));
		cases.add(new Case("DELETE", "/products", Token.ADMIN, null, NO_BODY, 405, null));
		cases.add(new Case("PATCH", "/products/{id}", Token.ADMIN, "application/json", validBody(), 405, null));
		cases.add(new Case("PATCH", "/products/{id}", Token.NONE, "application/json", validBody(), 405, null));
		// Neither needs a token to be told so.
		cases.add(new Case("PUT", "/products", Token.USER, "application/json", validBody(), 405, null));
		cases.add(new Case("DELETE", "/products", Token.NONE, null, NO_BODY, 405, null));
		cases.add(new Case("POST", "/products/{id}", Token.NONE, "application/json", validBody(), 405, null));
		cases.add(new Case("DELETE", "/products/{id}/reviews", Token.NONE, null, NO_BODY, 404, null));
		return cases.stream();
	}

	private static void fieldCases(String method, String path, List<Case> cases) {
		String[][] table = { { "sku", MISSING }, { "sku", "null" }, { "sku", "\"\"" }, { "sku", "\"has space\"" },
				{ "sku", "\"ünïcode\"" }, { "sku", quoted("S".repeat(65)) }, { "sku", "123" }, { "sku", "[\"A\"]" },
				{ "sku", "\"'; DROP TABLE products;--\"" }, { "name", MISSING }, { "name", "null" }, { "name", "\"\"" },
				{ "name", "\"   \"" }, { "name", quoted("n".repeat(201)) }, { "name", "\"tab\\there\"" },
				{ "name", "\"nul\\u0000\"" }, { "name", "5" }, { "name", "{}" },
				{ "name", "\"unpaired \\ud800 surrogate\"" }, { "description", quoted("d".repeat(5001)) },
				{ "description", "\"nul\\u0000byte\"" }, { "description", "12" }, { "description", "false" },
				{ "price", MISSING }, { "price", "null" }, { "price", "\"19.90\"" }, { "price", "-1" },
				{ "price", "1.234" }, { "price", "1e10" }, { "price", "[1]" }, { "price", "1e999999999" },
				{ "price", "1e-999999999" }, { "price", "-0.001" }, { "currency", MISSING }, { "currency", "null" },
				{ "currency", "\"usd\"" }, { "currency", "\"US\"" }, { "currency", "\"USDD\"" },
				{ "currency", "\"XYZ\"" }, { "currency", "840" }, { "currency", "\"\"" }, { "currency", "\"XXX\"" },
				{ "currency", "\"XTS\"" }, { "currency", "\"XAU\"" }, { "stock", MISSING }, { "stock", "null" },
				{ "stock", "-1" }, { "stock", "1000000001" }, { "stock", "99999999999" },
				{ "stock", "99999999999999999999999" }, { "stock", "1.5" }, { "stock", "2.0" }, { "stock", "\"5\"" },
				{ "stock", "true" }, { "category", MISSING }, { "category", "null" }, { "category", "\"\"" },
				{ "category", "\"  \"" }, { "category", quoted("c".repeat(101)) }, { "category", "\"line\\nbreak\"" },
				{ "category", "7" }, { "sku", "[".repeat(2000) + "]".repeat(2000) },
				// C1 control characters: U+009B is a terminal's CSI, U+0085 NEL.
				{ "name", "\"csi\\u009b31m\"" }, { "category", "\"nel\\u0085\"" },
				{ "description", "\"csi\\u009b31m\"" },
				// Bidirectional overrides, Unicode line separators, only invisible
				// characters.
				{ "name", "\"\\u202eevil\"" }, { "name", "\"line\\u2028separator\"" }, { "category", "\"\\ufeff\"" },
				{ "category", "\"\\u00a0\\u200b\"" }, { "description", "\"isolate \\u2066hidden\\u2069\"" } };
		for (String[] row : table) {
			cases.add(new Case(method, path, Token.ADMIN, "application/json", bodyWith(row[0], row[1]), 422, row[0]));
		}
		// The valid body's 19.90 is no price in yen, which has no minor unit.
		cases.add(
				new Case(method, path, Token.ADMIN, "application/json", bodyWith("currency", "\"JPY\""), 422, "price"));
	}

	private static void bodyCases(String method, String path, List<Case> cases) {
		cases.add(new Case(method, path, Token.ADMIN, "application/json", "{not json", 400, null));
		cases.add(new Case(method, path, Token.ADMIN, "application/json", "", 400, null));
		cases.add(new Case(method, path, Token.ADMIN, "application/json", "null", 400, null));
		cases.add(new Case(method, path, Token.ADMIN, "application/json", "[]", 400, null));
		cases.add(new Case(method, path, Token.ADMIN, "application/json", "\"product\"", 400, null));
		cases.add(new Case(method, path, Token.ADMIN, "application/json", validBody() + " trailing", 400, null));
		cases.add(new Case(method, path, Token.ADMIN, "application/json", bodyWith("price", "NaN"), 400, null));
		// A key twice: another parser could read the other value.
		cases.add(new Case(method, path, Token.ADMIN, "application/json",
				validBody().replaceFirst("\\{", "{\"stock\":0,"), 400, null));
		cases.add(new Case(method, path, Token.ADMIN, "application/json", "{}", 422, "sku"));
		cases.add(new Case(method, path, Token.ADMIN, "text/plain", validBody(), 415, null));
		cases.add(new Case(method, path, Token.ADMIN, "application/xml", "<product/>", 415, null));
		cases.add(new Case(method, path, Token.ADMIN, "application/merge-patch+json", validBody(), 415, null));
		// YAML would be read past every rule of the strict JSON input (duplicate keys,
		// "7" as 7, 7.9 as 7).
		cases.add(new Case(method, path, Token.ADMIN, "application/yaml",
				"sku: YAML-1\nsku: YAML-2\nname: Y\nprice: \"1\"\ncurrency: USD\nstock: 7.9\ncategory: C\n", 415,
				null));
		cases.add(new Case(method, path, Token.ADMIN, null, validBody(), 415, null));
	}

	private static void tokenCases(String method, String path, String body, List<Case> cases) {
		String contentType = (body != null) ? "application/json" : null;
		cases.add(new Case(method, path, Token.NONE, contentType, body, 401, null));
		cases.add(new Case(method, path, Token.USER, contentType, body, 403, null));
		cases.add(new Case(method, path, Token.EXPIRED, contentType, body, 401, null));
		cases.add(new Case(method, path, Token.TAMPERED, contentType, body, 401, null));
		cases.add(new Case(method, path, Token.ALG_NONE, contentType, body, 401, null));
		cases.add(new Case(method, path, Token.UNKNOWN_KEY, contentType, body, 401, null));
		cases.add(new Case(method, path, Token.ROLES_AS_TEXT, contentType, body, 401, null));
		cases.add(new Case(method, path, Token.ROLES_AS_OBJECT, contentType, body, 401, null));
		cases.add(new Case(method, path, Token.GARBAGE, contentType, body, 401, null));
	}

	@Test
	void unacceptableRepresentationIs406AsProblemJson() {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/products/" + targetId)).header("Accept", "application/xml"));

		assertNotAcceptable(response);
	}

	@Test
	void yamlIsNotOffered() {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/products/" + targetId)).header("Accept", "application/yaml"));

		assertNotAcceptable(response);
	}

	/**
	 * JSON refused with weight 0 stays refused when a wider range admits any type (RFC
	 * 9110, section 12.5.1).
	 */
	@Test
	void jsonOfWeightZeroIsNotAcceptableEvenBesideAWildcard() {
		for (String path : List.of("/products", "/products/" + targetId)) {
			assertNotAcceptable(send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json;q=0, */*")));
		}
	}

	/**
	 * A 406 names what the route answers with; Spring's detail was "Acceptable
	 * representations: [application/json].".
	 */
	private static void assertNotAcceptable(HttpResponse<String> response) {
		assertProblem(response, 406);
		assertThat(body(response).get("detail").asString())
			.isEqualTo("this route answers only with application/json, and the Accept header asks for none of it");
	}

	/**
	 * A 405 names the route and the methods it takes, in the order of its {@code Allow}
	 * header; Spring's detail named only the method ("Method 'PATCH' is not supported.").
	 */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			PATCH | /products      | GET HEAD POST OPTIONS
			POST  | /products/{id} | GET HEAD PUT DELETE OPTIONS
			""")
	void aMethodTheRouteDoesNotTakeIsToldWhichItTakes(String method, String route, String taken) {
		String path = route.replace("{id}", Long.toString(targetId));

		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));

		assertProblem(response, 405);
		List<String> allowed = List.of(response.headers().firstValue("Allow").orElseThrow().split(","));
		assertThat(allowed).containsExactlyInAnyOrder(taken.split(" "));
		assertThat(body(response).get("detail").asString())
			.isEqualTo("the route " + path + " takes " + String.join(", ", allowed.subList(0, allowed.size() - 1))
					+ " and " + allowed.getLast() + ", not " + method);
	}

	@Test
	void aSuccessIsApplicationJsonWhateverJsonTypeIsAsked() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/products/" + targetId))
			.header("Accept", "application/vnd.example+json, application/json;q=0.5"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void badRequestsAreRefusedAsProblemsAndWriteNothing(Case bad) {
		String path = bad.path().replace("{id}", Long.toString(targetId));
		String targetBefore = get("/products/" + targetId).body();
		long countBefore = productCount();

		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(bad.method(), (bad.body() != null) ? HttpRequest.BodyPublishers.ofString(bad.body())
					: HttpRequest.BodyPublishers.noBody());
		if (bad.contentType() != null) {
			request.header("Content-Type", bad.contentType());
		}
		String authorization = bad.token().header.apply(tokens);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		HttpResponse<String> response = send(request);

		assertThat(response.statusCode()).as(response.body()).isLessThan(500);
		if (bad.status() >= 400) {
			assertProblem(response, bad.status());
			if (bad.field() != null) {
				assertThat(body(response).get("detail").asString()).contains(bad.field());
			}
		}
		else {
			assertThat(response.statusCode()).isEqualTo(bad.status());
		}
		assertThat(productCount()).isEqualTo(countBefore);
		assertThat(get("/products/" + targetId).body()).isEqualTo(targetBefore);
	}

	/**
	 * Refused from its declared length, unread: the body is never sent, as the service
	 * closes the connection at once and a client still writing could have it reset before
	 * it reads the 413 ({@link DeclaredBodyClient}).
	 */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			POST | /products
			PUT  | /products/{id}
			""")
	void aBodyDeclaredOverOneMebibyteIs413AndWritesNothing(String method, String route) {
		String path = route.replace("{id}", Long.toString(targetId));
		String targetBefore = get("/products/" + targetId).body();
		long countBefore = productCount();
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + tokens.admin())
			.method(method, HttpRequest.BodyPublishers.ofString("{\"sku\":\"" + "A".repeat(1024 * 1024) + "\"}"))
			.build();

		HttpResponse<String> response = DeclaredBodyClient.send(request);

		assertProblem(response, 413);
		assertThat(body(response).get("detail").asString()).isEqualTo("the request body is larger than 1048576 bytes");
		assertThat(productCount()).isEqualTo(countBefore);
		assertThat(get("/products/" + targetId).body()).isEqualTo(targetBefore);
	}

	private static String validBody() {
		return product("VALID-" + UUID.randomUUID().toString().substring(0, 8), "Valid", "valid").toString();
	}

	private static String bodyWith(String field, String rawJson) {
		ObjectNode product = product("FIELD-" + UUID.randomUUID().toString().substring(0, 8), "Valid", "valid");
		if (rawJson.equals(MISSING)) {
			product.remove(field);
			return product.toString();
		}
		return with(product, field, rawJson).toString();
	}

	private static String json(String method) {
		return method.equals("PUT") ? "application/json" : null;
	}

	private static String body(String method) {
		return method.equals("PUT") ? validBody() : NO_BODY;
	}

	private static String quoted(String text) {
		return "\"" + text + "\"";
	}

	enum Token {

		NONE((tokens) -> null), USER((tokens) -> "Bearer " + tokens.user()),
		ADMIN((tokens) -> "Bearer " + tokens.admin()),
		EXPIRED((tokens) -> "Bearer " + tokens.expired(UUID.randomUUID().toString())),
		TAMPERED((tokens) -> "Bearer " + tokens.tampered(UUID.randomUUID().toString())),
		ALG_NONE((tokens) -> "Bearer " + tokens.algNone(UUID.randomUUID().toString())),
		UNKNOWN_KEY((tokens) -> "Bearer " + tokens.signedByUnknownKey(UUID.randomUUID().toString())),
		ROLES_AS_TEXT((tokens) -> "Bearer " + tokens.withRolesClaim(UUID.randomUUID().toString(), "user admin")),
		ROLES_AS_OBJECT((tokens) -> "Bearer "
				+ tokens.withRolesClaim(UUID.randomUUID().toString(), java.util.Map.of("role", "admin"))),
		GARBAGE((tokens) -> "Bearer not.a.jwt");

		final Function<TestTokens, String> header;

		Token(Function<TestTokens, String> header) {
			this.header = header;
		}

	}

	record Case(String method, String path, Token token, String contentType, String body, int status, String field) {

		@Override
		public String toString() {
			String shownBody = (this.body == null) ? "" : " " + ((this.body.length() > 60)
					? this.body.substring(0, 60) + "…(" + this.body.length() + " chars)" : this.body);
			return this.method + " " + this.path + " [" + this.token + ", " + this.contentType + "]" + shownBody
					+ " -> " + this.status + ((this.field != null) ? " naming " + this.field : "");
		}

	}

}
