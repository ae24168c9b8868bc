package io.storefront.product.catalog;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.storefront.product.ProductApiTestSupport;
import io.storefront.web.testing.ApiTraffic;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApiTraffic.Checked.class)
class ProductQueriesTests extends ProductApiTestSupport {

	@Test
	void listsACategoryInNameOrderWithTotalLimitAndOffset() {
		String category = unique("paging");
		// Created out of name order, so that ids do not follow it; capitalised alike, so
		// that any collation sorts them the same.
		for (String name : List.of("Delta", "Alpha", "Echo", "Bravo", "Charlie")) {
			create(product(unique("SKU"), name, category));
		}

		JsonNode first = body(get("/products?category=" + category + "&limit=2"));
		JsonNode last = body(get("/products?category=" + category + "&limit=2&offset=4"));
		JsonNode beyond = body(get("/products?category=" + category + "&limit=2&offset=10"));

		assertThat(first.get("total").asLong()).isEqualTo(5);
		assertThat(first.get("limit").asInt()).isEqualTo(2);
		assertThat(first.get("offset").asInt()).isZero();
		assertThat(names(first)).containsExactly("Alpha", "Bravo");
		assertThat(names(last)).containsExactly("Echo");
		assertThat(last.get("total").asLong()).isEqualTo(5);
		assertThat(last.get("offset").asInt()).isEqualTo(4);
		assertThat(names(beyond)).isEmpty();
		assertThat(beyond.get("total").asLong()).isEqualTo(5);

		List<String> all = new ArrayList<>();
		for (int offset = 0; offset < 5; offset += 2) {
			all.addAll(names(body(get("/products?category=" + category + "&limit=2&offset=" + offset))));
		}
		assertThat(all).containsExactly("Alpha", "Bravo", "Charlie", "Delta", "Echo");
		assertThat(all).isEqualTo(names(body(get("/products?category=" + category + "&limit=100"))));
	}

	@Test
	void orderIsStableForProductsWithTheSameName() {
		String category = unique("stable");
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ids.add(create(product(unique("SKU"), "Same Name", category)).get("id").asLong());
		}

		List<Long> listed = new ArrayList<>();
		for (int offset = 0; offset < 4; offset++) {
			listed.add(body(get("/products?category=" + category + "&limit=1&offset=" + offset)).get("items")
				.get(0)
				.get("id")
				.asLong());
		}

		assertThat(listed).isEqualTo(ids.stream().sorted().toList());
	}

	@Test
	void defaultsToTwentyItemsFromTheStart() {
		String category = unique("defaults");
		// Created in a scrambled order (8 and 21 share no factor, so every number comes
		// once), so that ids do not follow the names.
		for (int i = 0; i < 21; i++) {
			create(product(unique("SKU"), "Item %02d".formatted((i * 8) % 21), category));
		}

		JsonNode page = body(get("/products?category=" + category));

		assertThat(page.get("limit").asInt()).isEqualTo(20);
		assertThat(page.get("offset").asInt()).isZero();
		assertThat(page.get("total").asLong()).isEqualTo(21);
		assertThat(names(page)).as("the first twenty in name order")
			.isEqualTo(IntStream.range(0, 20).mapToObj("Item %02d"::formatted).toList());
	}

	@Test
	void listingWithoutFiltersCountsTheWholeCatalog() {
		create(product(unique("SKU"), "Anything", unique("all")));

		JsonNode page = body(get("/products?limit=100"));

		assertThat(page.get("total").asLong()).isEqualTo(productCount());
		assertThat(page.get("items").size()).isEqualTo((int) Math.min(100, productCount()));
	}

	@Test
	void categoryIsAnExactCaseSensitiveMatch() {
		String category = unique("Garden");
		create(product(unique("SKU"), "Rake", category));
		create(product(unique("SKU"), "Hoe", category + " Tools"));

		assertThat(names(body(get("/products?category=" + category)))).containsExactly("Rake");
		assertThat(body(get("/products?category=" + category.toLowerCase())).get("total").asLong()).isZero();
		assertThat(body(get("/products?category=" + category.substring(0, 4))).get("total").asLong()).isZero();
	}

	@Test
	void searchMatchesNameOrDescriptionCaseInsensitivelyAndPartially() {
		String category = unique("search");
		create(product(unique("SKU"), "Wireless Optical MOUSE", category));
		ObjectNode keyboard = product(unique("SKU"), "Keyboard", category);
		keyboard.put("description", "Comes with a free mousepad.");
		create(keyboard);
		create(product(unique("SKU"), "Monitor", category));

		// The product named so first, then the one that mentions it in its description.
		assertThat(names(search("mouse", category))).containsExactly("Wireless Optical MOUSE", "Keyboard");
		assertThat(names(search("OUS", category))).containsExactly("Wireless Optical MOUSE", "Keyboard");
		assertThat(names(search("optical wireless", category))).containsExactly("Wireless Optical MOUSE");
		assertThat(names(search("  mouse   wireless ", category))).containsExactly("Wireless Optical MOUSE");
		assertThat(names(search("mouse tablet", category))).isEmpty();
		assertThat(search("moni", category).get("total").asLong()).isEqualTo(1);
	}

	@Test
	void searchTreatsPercentUnderscoreAndBackslashLiterally() {
		String category = unique("literal");
		create(product(unique("SKU"), "Discount 50% off", category));
		create(product(unique("SKU"), "Discount 50 euros off", category));
		create(product(unique("SKU"), "snake_case mug", category));
		create(product(unique("SKU"), "snakeXcase mug", category));
		create(product(unique("SKU"), "C:\\temp sticker", category));

		assertThat(names(search("50%", category))).containsExactly("Discount 50% off");
		assertThat(names(search("%", category))).containsExactly("Discount 50% off");
		assertThat(names(search("snake_case", category))).containsExactly("snake_case mug");
		assertThat(names(search("_", category))).containsExactly("snake_case mug");
		assertThat(names(search("C:\\temp", category))).containsExactly("C:\\temp sticker");
		assertThat(names(search("\\", category))).containsExactly("C:\\temp sticker");
		// A fullwidth percent sign is a percent sign once folded, and still literal.
		assertThat(names(search("50\uFF05", category))).containsExactly("Discount 50% off");
	}

	@Test
	void searchIgnoresTheCaseOfEveryLetterAndHowItIsComposed() {
		String category = unique("folding");
		create(product(unique("SKU"), "Caf\u00e9 cr\u00e8me", category));
		ObjectNode bag = product(unique("SKU"), "\u00c9COLE bag", category);
		bag.put("description", "Stra\u00dfe edition");
		create(bag);
		create(product(unique("SKU"), "Cafe plain", category));

		assertThat(names(search("caf\u00c9", category))).containsExactly("Caf\u00e9 cr\u00e8me");
		assertThat(names(search("CAFE\u0301", category))).as("a combining accent")
			.containsExactly("Caf\u00e9 cr\u00e8me");
		assertThat(names(search("\uff43\uff41\uff46\u00e9", category))).as("fullwidth letters")
			.containsExactly("Caf\u00e9 cr\u00e8me");
		assertThat(names(search("\u00e9cole", category))).containsExactly("\u00c9COLE bag");
		assertThat(names(search("STRA\u1e9eE", category))).containsExactly("\u00c9COLE bag");
		assertThat(names(search("cafe", category))).containsExactly("Cafe plain");
	}

	@Test
	void searchTellsNoFinalSigmaFromAnyOther() {
		String category = unique("greek");
		create(product(unique("SKU"), "\u039f\u0394\u039f\u03a3 \u03a3\u039f\u03a6\u0399\u0391\u03a3 map", category));
		create(product(unique("SKU"), "\u03c3\u03bf\u03c6\u03b9\u03b1\u03c2 guide", category));

		for (String word : List.of("\u03c3\u03bf\u03c6\u03b9\u03b1\u03c2", "\u03a3\u039f\u03a6\u0399\u0391\u03a3",
				"\u03c3\u03bf\u03c6\u03b9\u03b1\u03c3")) {
			assertThat(names(search(word, category))).as(word)
				.containsExactlyInAnyOrder("\u039f\u0394\u039f\u03a3 \u03a3\u039f\u03a6\u0399\u0391\u03a3 map",
						"\u03c3\u03bf\u03c6\u03b9\u03b1\u03c2 guide");
		}
	}

	@Test
	void searchWithSqlLookingTextFindsOnlyLiteralMatches() {
		String category = unique("sqlish");
		create(product(unique("SKU"), "Robert'); DROP TABLE products;--", category));
		create(product(unique("SKU"), "Plain product", category));

		assertThat(names(search("' OR '1'='1", category))).isEmpty();
		assertThat(names(search("DROP TABLE", category))).containsExactly("Robert'); DROP TABLE products;--");
		assertThat(productCount()).isPositive();
	}

	@Test
	void searchWithoutCategorySpansTheCatalog() {
		String word = unique("zyzzyva");
		create(product(unique("SKU"), "First " + word, unique("one")));
		create(product(unique("SKU"), "Second " + word.toUpperCase(), unique("two")));

		JsonNode page = body(get("/products?q=" + word));

		assertThat(page.get("total").asLong()).isEqualTo(2);
		assertThat(names(page)).containsExactly("First " + word, "Second " + word.toUpperCase());
	}

	@Test
	void searchShowsProductsNamedSoBeforeProductsThatOnlyMentionThem() {
		String category = unique("relevance");
		String word = unique("keyboard");
		create(product(unique("SKU"), "Armrest", category).put("description", "Sits in front of any " + word + "."));
		create(product(unique("SKU"), "Zebra " + word, category));
		create(product(unique("SKU"), "Mouse", category).put("description", "Pairs with the " + word + "."));
		create(product(unique("SKU"), "Compact " + word.toUpperCase(), category));

		JsonNode page = search(word, category);

		assertThat(page.get("total").asLong()).isEqualTo(4);
		assertThat(names(page)).containsExactly("Compact " + word.toUpperCase(), "Zebra " + word, "Armrest", "Mouse");
		assertThat(names(body(get("/products?q=" + word + "&category=" + category + "&limit=1&offset=2"))))
			.as("pages follow the same order")
			.containsExactly("Armrest");
	}

	@Test
	void aShortWordIsFoundAtTheVeryStartOfTheName() {
		String category = unique("short");
		// "tv" has no trigram, so it is matched by position (strpos), which is 1 here
		create(product(unique("SKU"), "TV stand", category));
		create(product(unique("SKU"), "Lamp", category).put("description", "Lights a tv corner."));

		assertThat(names(search("tv", category))).containsExactly("TV stand", "Lamp");
	}

	@Test
	void searchRanksNamesHoldingMoreOfTheWordsFirst() {
		String category = unique("ranking");
		String steel = unique("steel");
		String bottle = unique("bottle");
		create(product(unique("SKU"), "A " + bottle, category).put("description", "Made of " + steel + "."));
		create(product(unique("SKU"), "B " + steel + " " + bottle, category));
		create(product(unique("SKU"), "C " + steel, category).put("description", "Not a " + bottle + "."));

		assertThat(names(search(bottle + " " + steel, category))).containsExactly("B " + steel + " " + bottle,
				"A " + bottle, "C " + steel);
	}

	@Test
	void blankSearchAndCategoryMeanNoFilter() {
		JsonNode page = body(get("/products?q=&category=&limit=1"));

		assertThat(page.get("total").asLong()).isEqualTo(productCount());
	}

	@ParameterizedTest(name = "{0} -> 422 naming {1}")
	@CsvSource(delimiter = '|',
			value = { "limit=0 | limit", "limit=101 | limit", "limit=-1 | limit", "limit=abc | limit",
					"limit=1.5 | limit", "limit=99999999999 | limit", "offset=-1 | offset", "offset=10001 | offset",
					"offset=x | offset", "offset=99999999999999999999 | offset", "q=a%00b | q",
					"category=a%00b | category" })
	void outOfRangeParametersAre422NamingTheParameter(String query, String parameter) {
		HttpResponse<String> response = get("/products?" + query);

		assertProblem(response, 422);
		assertThat(body(response).get("detail").asString()).contains(parameter);
	}

	@ParameterizedTest(name = "{0} -> 200")
	@MethodSource("largestParameters")
	void theLargestParametersAreAccepted(String query) {
		HttpResponse<String> response = get("/products?" + query);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	/**
	 * The upper bounds themselves; q's eight words are counted once each, repeated or
	 * not, in another case or another Unicode form (the search cannot tell them apart).
	 */
	static Stream<String> largestParameters() {
		return Stream.of("limit=100", "offset=" + ProductController.MAX_OFFSET, "q=" + encode("a b c d e f g h a b"),
				"q=" + encode("a A b B c C d D e E f F g G \ufb01 fi"), "category=" + "c".repeat(100));
	}

	@Test
	void tooLongSearchOrTooManyWordsAre422() {
		assertProblem(get("/products?q=" + "a".repeat(201)), 422);
		assertProblem(get("/products?q=" + encode("a b c d e f g h i")), 422);
		assertThat(get("/products?q=" + "a".repeat(200)).statusCode()).isEqualTo(200);
		assertThat(get("/products?q=" + encode("a b c d e f g h")).statusCode()).isEqualTo(200);
		assertProblem(get("/products?category=" + "c".repeat(101)), 422);
	}

	@Test
	void getsOneProductByIdWithAllFields() {
		String sku = unique("GET");
		java.time.Instant before = java.time.Instant.now().minusSeconds(1);
		JsonNode created = create(product(sku, "Desk Lamp", unique("lamps")));

		HttpResponse<String> response = get("/products/" + created.get("id").asLong());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode product = body(response);
		assertThat(product.propertyNames()).containsExactlyInAnyOrder("id", "sku", "name", "description", "price",
				"currency", "stock", "category", "created_at", "updated_at");
		assertThat(product.get("id").asLong()).isPositive();
		assertThat(product.get("sku").asString()).isEqualTo(sku);
		assertThat(product.get("name").asString()).isEqualTo("Desk Lamp");
		assertThat(product.get("stock").asInt()).isEqualTo(5);
		assertThat(product.get("currency").asString()).isEqualTo("USD");
		assertThat(response.body()).contains("\"price\":19.90");
		assertThat(java.time.Instant.parse(product.get("created_at").asString())).isBetween(before,
				java.time.Instant.now());
		assertThat(product.get("created_at").asString()).isEqualTo(created.get("created_at").asString());
		assertThat(product.get("updated_at").asString()).isEqualTo(product.get("created_at").asString());
	}

	@Test
	void unknownIdIs404AndMalformedIdIs422() {
		assertProblem(get("/products/" + Long.MAX_VALUE), 404);
		assertProblem(get("/products/abc"), 422);
		assertProblem(get("/products/1.5"), 422);
		assertProblem(get("/products/0"), 422);
		assertProblem(get("/products/-3"), 422);
		assertProblem(get("/products/99999999999999999999"), 422);
		assertThat(body(get("/products/abc")).get("detail").asString()).contains("id");
	}

	@Test
	void getAnswersNotModifiedForTheCurrentEntityTag() {
		long id = create(product(unique("ETAG"), "Mug", unique("mugs"))).get("id").asLong();
		HttpResponse<String> first = get("/products/" + id);
		String etag = first.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> again = send(
				java.net.http.HttpRequest.newBuilder(uri("/products/" + id)).header("If-None-Match", etag));
		HttpResponse<String> stale = send(
				java.net.http.HttpRequest.newBuilder(uri("/products/" + id)).header("If-None-Match", "\"999999\""));
		HttpResponse<String> anyVersion = send(
				java.net.http.HttpRequest.newBuilder(uri("/products/" + id)).header("If-None-Match", "*"));

		assertThat(etag).matches("\"\\d+\"");
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(stale.statusCode()).isEqualTo(200);
		assertThat(anyVersion.statusCode()).as("RFC 9110 13.1.2: * is false when the product exists").isEqualTo(304);
		assertThat(anyVersion.headers().firstValue("ETag")).hasValue(etag);
	}

	private JsonNode search(String q, String category) {
		HttpResponse<String> response = get("/products?q=" + encode(q) + "&category=" + encode(category));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return body(response);
	}

	private static List<String> names(JsonNode page) {
		List<String> names = new ArrayList<>();
		page.get("items").forEach((item) -> names.add(item.get("name").asString()));
		return names;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
