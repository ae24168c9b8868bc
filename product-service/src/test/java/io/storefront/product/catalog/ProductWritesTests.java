package io.storefront.product.catalog;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.storefront.product.ProductApiTestSupport;
import io.storefront.web.testing.ApiTraffic;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApiTraffic.Checked.class)
class ProductWritesTests extends ProductApiTestSupport {

	@Test
	void adminCreatesReadsReplacesAndDeletesAProduct() {
		String sku = unique("CRUD");
		HttpResponse<String> created = send("POST", "/products", tokens.admin(),
				product(sku, "Kettle", "Kitchen").toString());

		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode product = body(created);
		long id = product.get("id").asLong();
		assertThat(created.headers().firstValue("Location")).hasValue("/products/" + id);
		assertThat(created.headers().firstValue("ETag")).as("the new product's version").hasValue("\"1\"");
		assertThat(get("/products/" + id).body()).isEqualTo(created.body());

		ObjectNode replacement = product(unique("CRUD2"), "Electric Kettle", "Home");
		with(replacement, "price", "59.99");
		replacement.put("stock", 0);
		replacement.put("currency", "EUR");
		replacement.remove("description");
		HttpResponse<String> replaced = send("PUT", "/products/" + id, tokens.admin(), replacement.toString());

		assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
		JsonNode after = body(get("/products/" + id));
		assertThat(after.get("id").asLong()).isEqualTo(id);
		assertThat(after.get("sku").asString()).isEqualTo(replacement.get("sku").asString());
		assertThat(after.get("name").asString()).isEqualTo("Electric Kettle");
		assertThat(after.get("description").asString()).isEmpty();
		assertThat(after.get("stock").asInt()).isZero();
		assertThat(after.get("currency").asString()).isEqualTo("EUR");
		assertThat(after.get("category").asString()).isEqualTo("Home");
		assertThat(get("/products/" + id).body()).contains("\"price\":59.99");
		assertThat(after.get("created_at").asString()).isEqualTo(product.get("created_at").asString());
		assertThat(java.time.Instant.parse(after.get("updated_at").asString()))
			.isAfter(java.time.Instant.parse(product.get("updated_at").asString()));

		HttpResponse<String> deleted = send("DELETE", "/products/" + id, tokens.admin(), null);
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		assertProblem(get("/products/" + id), 404);
		assertProblem(send("DELETE", "/products/" + id, tokens.admin(), null), 404);
		assertProblem(send("PUT", "/products/" + id, tokens.admin(), replacement.toString()), 404);
	}

	@Test
	void deletingAProductLeavesTheOthersWhateverTheirIds() {
		long id = create(product(unique("DEL"), "Deleted", unique("delete"))).get("id").asLong();
		long next = create(product(unique("DEL"), "Kept", unique("delete"))).get("id").asLong();

		assertThat(send("DELETE", "/products/" + id, tokens.admin(), null).statusCode()).isEqualTo(204);

		assertThat(get("/products/" + next).statusCode()).as("the product created after it").isEqualTo(200);
	}

	@Test
	void writesWithoutATokenAre401AndWithAUserTokenAre403() {
		long id = create(product(unique("AUTH"), "Guarded", unique("auth"))).get("id").asLong();
		String body = product(unique("AUTH"), "Intruder", "auth").toString();
		long before = productCount();

		assertProblem(send("POST", "/products", null, body), 401);
		assertProblem(send("PUT", "/products/" + id, null, body), 401);
		assertProblem(send("DELETE", "/products/" + id, null, null), 401);
		for (HttpResponse<String> refused : List.of(send("POST", "/products", tokens.user(), body),
				send("PUT", "/products/" + id, tokens.user(), body),
				send("DELETE", "/products/" + id, tokens.user(), null))) {
			assertProblem(refused, 403);
			assertThat(body(refused).get("detail").asString()).isEqualTo("this needs a token with the admin role");
		}

		assertThat(send("POST", "/products", null, body).headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
		assertThat(send("POST", "/products", tokens.user(), body).headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer error=\"insufficient_scope\""));
		assertThat(productCount()).isEqualTo(before);
		assertThat(body(get("/products/" + id)).get("name").asString()).isEqualTo("Guarded");
	}

	@Test
	void readsNeedNoToken() {
		long id = create(product(unique("OPEN"), "Open", unique("open"))).get("id").asLong();

		assertThat(get("/products").statusCode()).isEqualTo(200);
		assertThat(get("/products/" + id).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/products/" + id, tokens.user(), null).statusCode()).isEqualTo(200);
	}

	@Test
	void duplicateSkuIs409AndLeavesTheFirstProductAlone() {
		String sku = unique("DUP");
		JsonNode first = create(product(sku, "Original", unique("dup")));
		long before = productCount();

		HttpResponse<String> duplicate = send("POST", "/products", tokens.admin(),
				product(sku, "Copy", "dup").toString());

		assertProblem(duplicate, 409);
		assertThat(body(duplicate).get("detail").asString()).contains(sku);
		assertThat(productCount()).isEqualTo(before);
		assertThat(body(get("/products/" + first.get("id").asLong())).get("name").asString()).isEqualTo("Original");
	}

	@Test
	void skuIsCaseSensitive() {
		String sku = unique("case");
		create(product(sku, "Lower", unique("case")));

		assertThat(send("POST", "/products", tokens.admin(), product(sku.toUpperCase(), "Upper", "case").toString())
			.statusCode()).isEqualTo(201);
	}

	@Test
	void replacingWithAnotherProductsSkuIs409() {
		String takenSku = unique("TAKEN");
		create(product(takenSku, "Owner", unique("taken")));
		JsonNode other = create(product(unique("OTHER"), "Other", unique("taken")));
		long id = other.get("id").asLong();

		HttpResponse<String> response = send("PUT", "/products/" + id, tokens.admin(),
				product(takenSku, "Thief", "taken").toString());

		assertProblem(response, 409);
		assertThat(body(get("/products/" + id)).get("sku").asString()).isEqualTo(other.get("sku").asString());
	}

	@Test
	void replacingWithItsOwnSkuIsAllowed() {
		String sku = unique("SAME");
		long id = create(product(sku, "Before", unique("same"))).get("id").asLong();

		HttpResponse<String> response = send("PUT", "/products/" + id, tokens.admin(),
				product(sku, "After", "same").toString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(body(response).get("name").asString()).isEqualTo("After");
	}

	@Test
	void racingCreatesOfOneSkuYieldExactlyOneProduct() throws Exception {
		String sku = unique("RACE");
		int racers = 12;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		List<HttpResponse<String>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
			for (int i = 0; i < racers; i++) {
				String body = product(sku, "Racer " + i, "race").toString();
				answers.add(pool.submit(() -> {
					start.await();
					return send("POST", "/products", tokens.admin(), body);
				}));
			}
			start.countDown();
			for (Future<HttpResponse<String>> answer : answers) {
				results.add(answer.get());
			}
		}
		assertThat(results).extracting(HttpResponse::statusCode).containsOnly(201, 409);
		List<JsonNode> created = results.stream()
			.filter((answer) -> answer.statusCode() == 201)
			.map((answer) -> body(answer))
			.toList();
		assertThat(created).hasSize(1);
		// the stored product is the one the single 201 answered with, not a later racer's
		assertThat(this.jdbc.sql("SELECT id, name FROM products WHERE sku = :sku")
			.param("sku", sku)
			.query((row, number) -> row.getLong("id") + " " + row.getString("name"))
			.single()).isEqualTo(created.get(0).get("id").asLong() + " " + created.get(0).get("name").asString());
	}

	@ParameterizedTest(name = "price {0} is stored and served exactly")
	@ValueSource(strings = { "19.90", "0.10", "0.30", "0", "0.00", "9999999999.99", "1234567.89", "1e2", "19.900",
			"0e20", "0E+1000000000", "0.000e-5" })
	void pricesAreExact(String price) {
		String body = with(product(unique("PRICE"), "Priced", unique("price")), "price", price).toString();

		HttpResponse<String> created = send("POST", "/products", tokens.admin(), body);

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String expected = new BigDecimal(price).setScale(2).toPlainString();
		long id = body(created).get("id").asLong();
		assertThat(created.body()).contains("\"price\":" + expected + ",");
		assertThat(get("/products/" + id).body()).contains("\"price\":" + expected + ",");
		assertThat(this.jdbc.sql("SELECT price::text FROM products WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single()).isEqualTo(expected);
	}

	@Test
	void pricesAddUpWithoutBinaryFloatingPointErrors() {
		String category = unique("sum");
		create(with(product(unique("P"), "Ten cents", category), "price", "0.10"));
		create(with(product(unique("P"), "Twenty cents", category), "price", "0.20"));

		BigDecimal sum = this.jdbc.sql("SELECT sum(price) FROM products WHERE category = :category")
			.param("category", category)
			.query(BigDecimal.class)
			.single();
		BigDecimal served = BigDecimal.ZERO;
		for (JsonNode item : body(get("/products?category=" + category)).get("items")) {
			served = served.add(item.get("price").decimalValue());
		}

		assertThat(sum).isEqualByComparingTo("0.30");
		assertThat(served).isEqualTo(new BigDecimal("0.30"));
	}

	@ParameterizedTest(name = "price {0} -> 422")
	@ValueSource(strings = { "19.999", "0.001", "0.30000000000000004", "-0.01", "10000000000", "10000000000.00", "1e10",
			"1e-3", "\"19.90\"", "null", "true" })
	void invalidPricesAre422AndNeverRounded(String price) {
		long before = productCount();
		String body = with(product(unique("BADPRICE"), "Priced", "price"), "price", price).toString();

		HttpResponse<String> response = send("POST", "/products", tokens.admin(), body);

		assertProblem(response, 422);
		assertThat(body(response).get("detail").asString()).contains("price");
		assertThat(productCount()).isEqualTo(before);
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "JPY, 1500, 201", "JPY, 1500.00, 201", "JPY, 12.50, 422", "JPY, 12.55, 422", "JPY, 0.1, 422",
			"EUR, 12.5, 201", "BHD, 12.05, 201", "CLF, 1.25, 201" })
	void aPriceHasNoMoreDecimalsThanItsCurrency(String currency, String price, int status) {
		ObjectNode product = with(product(unique("UNITS"), "Priced", "units"), "price", price);
		product.put("currency", currency);

		HttpResponse<String> response = send("POST", "/products", tokens.admin(), product.toString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		if (status == 422) {
			assertThat(body(response).get("errors").get(0).get("field").asString()).isEqualTo("price");
			assertThat(body(response).get("detail").asString())
				.isEqualTo("invalid field price: must have at most 0 decimals in JPY");
		}
	}

	@Test
	void replaceWithMatchingEntityTagSucceedsAndStaleTagIs412() {
		long id = create(product(unique("IFM"), "Versioned", unique("ifm"))).get("id").asLong();
		String etag = get("/products/" + id).headers().firstValue("ETag").orElseThrow();
		String body = product(unique("IFM"), "Changed once", "ifm").toString();

		HttpResponse<String> first = send(HttpRequest.newBuilder(uri("/products/" + id))
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + tokens.admin())
			.header("If-Match", etag));
		HttpResponse<String> second = send(HttpRequest.newBuilder(uri("/products/" + id))
			.PUT(HttpRequest.BodyPublishers.ofString(body.replace("Changed once", "Changed twice")))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + tokens.admin())
			.header("If-Match", etag));

		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		String newEtag = first.headers().firstValue("ETag").orElseThrow();
		assertThat(newEtag).isNotEqualTo(etag);
		assertProblem(second, 412);
		assertThat(body(get("/products/" + id)).get("name").asString()).isEqualTo("Changed once");

		HttpResponse<String> staleDelete = send(HttpRequest.newBuilder(uri("/products/" + id))
			.DELETE()
			.header("Authorization", "Bearer " + tokens.admin())
			.header("If-Match", etag));
		assertProblem(staleDelete, 412);
		HttpResponse<String> weakDelete = send(HttpRequest.newBuilder(uri("/products/" + id))
			.DELETE()
			.header("Authorization", "Bearer " + tokens.admin())
			.header("If-Match", "W/" + newEtag));
		assertProblem(weakDelete, 412);
		HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/products/" + id))
			.DELETE()
			.header("Authorization", "Bearer " + tokens.admin())
			.header("If-Match", "\"1\", " + newEtag));
		assertThat(delete.statusCode()).isEqualTo(204);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"01\"", "\"+1\"", "\"0001\"" })
	void anEntityTagSpelledOtherwiseThanIssuedIs412(String tag) {
		long id = create(product(unique("IFS"), "Spelled", unique("ifs"))).get("id").asLong();
		assertThat(get("/products/" + id).headers().firstValue("ETag")).contains("\"1\"");

		HttpResponse<String> replace = send(HttpRequest.newBuilder(uri("/products/" + id))
			.PUT(HttpRequest.BodyPublishers.ofString(product(unique("IFS"), "Replaced", "ifs").toString()))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + tokens.admin())
			.header("If-Match", tag));
		HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/products/" + id))
			.DELETE()
			.header("Authorization", "Bearer " + tokens.admin())
			.header("If-Match", tag));

		assertProblem(replace, 412);
		assertProblem(delete, 412);
		HttpResponse<String> unchanged = get("/products/" + id);
		assertThat(unchanged.statusCode()).isEqualTo(200);
		assertThat(unchanged.headers().firstValue("ETag")).contains("\"1\"");
		assertThat(body(unchanged).get("name").asString()).isEqualTo("Spelled");
	}

	@Test
	void conditionalWriteOnAMissingProductIs404() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/products/" + Long.MAX_VALUE))
			.DELETE()
			.header("Authorization", "Bearer " + tokens.admin())
			.header("If-Match", "\"1\""));

		assertProblem(response, 404);
	}

	@Test
	void sqlLookingTextIsStoredLiterally() {
		String name = "Robert'); DROP TABLE products;--";
		ObjectNode product = product(unique("SQL"), name, "'; DELETE FROM products; --");
		product.put("description", "1' OR '1'='1 \\\\ %_ \"quoted\"\nsecond line");

		JsonNode created = create(product);

		JsonNode read = body(get("/products/" + created.get("id").asLong()));
		assertThat(read.get("name").asString()).isEqualTo(name);
		assertThat(read.get("description").asString()).isEqualTo(product.get("description").asString());
		assertThat(read.get("category").asString()).isEqualTo("'; DELETE FROM products; --");
		assertThat(productCount()).isPositive();
	}

	@Test
	void unicodeTextRoundTrips() {
		ObjectNode product = product(unique("UNI"), "Tasse à café ☕ 😀", unique("Küche"));
		product.put("description", "Größe: 250 ml\n\tHandwäsche empfohlen. 日本製");

		JsonNode created = create(product);

		JsonNode read = body(get("/products/" + created.get("id").asLong()));
		assertThat(read.get("name").asString()).isEqualTo("Tasse à café ☕ 😀");
		assertThat(read.get("description").asString()).isEqualTo(product.get("description").asString());
		String query = "/products?category=" + encode(product.get("category").asString()) + "&q=" + encode("CAFÉ");
		assertThat(body(get(query)).get("total").asLong()).isEqualTo(1);
	}

	/**
	 * White space around a name or a category (U+3000 included) is not stored, so a
	 * padded category is the same category and {@code ?category=} finds it padded or not;
	 * a no-break space is text, as in Java's {@code strip}.
	 */
	@Test
	void namesAndCategoriesAreStoredWithoutSurroundingWhiteSpace() {
		String category = unique("Strip");
		JsonNode created = create(product(unique("STRIP"), " \u3000Desk Lamp ", category + "  "));

		assertThat(created.get("name").asString()).isEqualTo("Desk Lamp");
		assertThat(created.get("category").asString()).isEqualTo(category);
		JsonNode replaced = body(send("PUT", "/products/" + created.get("id").asLong(), tokens.admin(),
				product(created.get("sku").asString(), "Desk Lamp\u00a0", " " + category).toString()));
		assertThat(replaced.get("name").asString()).isEqualTo("Desk Lamp\u00a0");
		assertThat(replaced.get("category").asString()).isEqualTo(category);
		assertThat(body(get("/products?category=" + encode(category))).get("total").asLong()).isEqualTo(1);
		assertThat(body(get("/products?category=" + encode(" " + category + " "))).get("total").asLong()).isEqualTo(1);
		assertProblem(send("POST", "/products", tokens.admin(), product(unique("STRIP"), "   ", category).toString()),
				422);
	}

	/**
	 * A name or a category of spaces only is refused by the {@code pattern} the API
	 * description gives, so that a client validating against it refuses it too; the
	 * message names the field once.
	 */
	@Test
	void aNameOrCategoryOfSpacesOnlyIsRefusedAsItsPatternSays() {
		for (ObjectNode blank : List.of(product(unique("BLANK"), "   ", unique("Blank")),
				product(unique("BLANK"), "Lamp", " "))) {
			HttpResponse<String> refused = send("POST", "/products", tokens.admin(), blank.toString());

			assertProblem(refused, 422);
			JsonNode errors = body(refused).get("errors");
			assertThat(errors).hasSize(1);
			assertThat(errors.get(0).get("message").asString())
				.startsWith("must be visible text on one line, not blank");
		}
	}

	/** A description sent as null is an omitted one: empty. */
	@Test
	void aNullDescriptionIsAnEmptyOne() {
		JsonNode created = create(with(product(unique("NULLDESC"), "Lamp", unique("Null")), "description", "null"));

		assertThat(created.get("description").isString()).as("a string, not null").isTrue();
		assertThat(created.get("description").asString()).isEmpty();
		JsonNode read = body(get("/products/" + created.get("id").asLong()));
		assertThat(read.get("description").isString()).isTrue();
		assertThat(read.get("description").asString()).isEmpty();
	}

	/**
	 * The limits count characters, as the API description and the database's
	 * {@code char_length} checks do: 200 emoji are 400 UTF-16 units.
	 */
	@Test
	void textLimitsCountCharactersNotUtf16Units() {
		String emoji = "\uD83D\uDE00";
		String category = emoji.repeat(100);
		ObjectNode product = product(unique("EMO"), emoji.repeat(200), category);
		product.put("description", emoji.repeat(5000));

		JsonNode created = create(product);

		assertThat(body(get("/products/" + created.get("id").asLong())).get("name").asString())
			.isEqualTo(emoji.repeat(200));
		assertThat(get("/products?q=" + encode(emoji.repeat(200))).statusCode()).isEqualTo(200);
		assertProblem(send("POST", "/products", tokens.admin(),
				product(unique("EMO"), emoji.repeat(201), category).toString()), 422);
		assertProblem(get("/products?q=" + encode(emoji.repeat(201))), 422);
	}

	private static String encode(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
	}

}
