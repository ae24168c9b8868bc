package io.storefront.product.catalog;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.storefront.product.ProductApiTestSupport;
import io.storefront.web.testing.ApiTraffic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * If-Match and If-None-Match on every product route that takes them (RFC 9110 sections
 * 13.1.1, 13.1.2 and 13.2.2), and the cache headers of a product read and its 304.
 */
@ExtendWith(ApiTraffic.Checked.class)
class ProductPreconditionsTests extends ProductApiTestSupport {

	@Test
	void replaceWithIfNoneMatchStarIs412AndLeavesTheProductUnchanged() {
		long id = newProduct();
		HttpResponse<String> before = get("/products/" + id);

		HttpResponse<String> response = replace(id, "If-None-Match", "*");

		assertProblem(response, 412);
		assertThat(body(response).get("detail").asString()).contains("If-None-Match");
		assertUnchanged(id, before);
	}

	@ParameterizedTest(name = "If-None-Match: {0}")
	@ValueSource(strings = { "CURRENT", "W/CURRENT", "\"41\", CURRENT" })
	void replaceWithIfNoneMatchNamingTheCurrentVersionIs412(String header) {
		long id = newProduct();
		HttpResponse<String> before = get("/products/" + id);
		String etag = before.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> response = replace(id, "If-None-Match", header.replace("CURRENT", etag));

		assertProblem(response, 412);
		assertUnchanged(id, before);
	}

	@Test
	void replaceWithIfNoneMatchNamingOnlyOtherVersionsSucceeds() {
		long id = newProduct();

		HttpResponse<String> response = replace(id, "If-None-Match", "\"41\", W/\"42\", \"abc\"");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(body(get("/products/" + id)).get("name").asString()).isEqualTo("Replaced");
	}

	/**
	 * Read, change, write back: the representation a GET answers is a valid PUT body as
	 * it is. Its members a request does not take ({@code id}, {@code created_at},
	 * {@code updated_at}) are ignored, not stored: the path names the product, and the
	 * server keeps the times.
	 */
	@Test
	void aProductReadWithGetCanBeChangedAndSentBackWithPut() {
		long id = newProduct();
		HttpResponse<String> read = get("/products/" + id);
		ObjectNode changed = (ObjectNode) body(read);
		changed.put("name", "Read and written back");
		changed.put("id", id + 1_000_000);
		changed.put("created_at", "2000-01-01T00:00:00Z");
		changed.put("updated_at", "2000-01-01T00:00:00Z");
		changed.put("extra", 1);
		changed.put("descripton", "a misspelt member");

		HttpResponse<String> written = send(HttpRequest.newBuilder(uri("/products/" + id))
			.PUT(HttpRequest.BodyPublishers.ofString(changed.toString()))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + tokens.admin())
			.header("If-Match", read.headers().firstValue("ETag").orElseThrow()));

		assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
		JsonNode stored = body(get("/products/" + id));
		assertThat(stored.get("name").asString()).isEqualTo("Read and written back");
		assertThat(stored.get("id").asLong()).isEqualTo(id);
		assertThat(stored.get("created_at").asString()).isEqualTo(body(read).get("created_at").asString());
		assertThat(Instant.parse(stored.get("updated_at").asString())).as("the server's time of the write")
			.isAfter(Instant.parse(body(read).get("updated_at").asString()));
		assertThat(stored.get("description")).isEqualTo(body(read).get("description"));
		assertThat(get("/products/" + (id + 1_000_000)).statusCode()).isEqualTo(404);
	}

	@Test
	void replaceOfAMissingProductWithIfNoneMatchStarIs404AndCreatesNothing() {
		long before = productCount();

		assertProblem(replace(Long.MAX_VALUE, "If-None-Match", "*"), 404);
		assertThat(productCount()).isEqualTo(before);
	}

	@Test
	void deleteWithIfNoneMatchStarIs412AndKeepsTheProduct() {
		long id = newProduct();
		HttpResponse<String> before = get("/products/" + id);

		assertProblem(delete(id, "If-None-Match", "*"), 412);
		assertUnchanged(id, before);
	}

	@Test
	void deleteWithIfNoneMatchNamingTheCurrentVersionIs412() {
		long id = newProduct();
		HttpResponse<String> before = get("/products/" + id);

		assertProblem(delete(id, "If-None-Match", before.headers().firstValue("ETag").orElseThrow()), 412);
		assertUnchanged(id, before);
	}

	@Test
	void deleteWithAStaleIfMatchIs412AndKeepsTheProductWhileTheCurrentTagDeletesIt() {
		long id = newProduct();
		String stale = get("/products/" + id).headers().firstValue("ETag").orElseThrow();
		assertThat(replace(id).statusCode()).isEqualTo(200);
		HttpResponse<String> before = get("/products/" + id);
		String current = before.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> refused = delete(id, "If-Match", stale);
		assertProblem(refused, 412);
		assertThat(body(refused).get("detail").asString()).isEqualTo(
				"product " + id + " has changed since the If-Match entity tag was read; fetch it again and retry");
		assertUnchanged(id, before);
		assertThat(delete(id, "If-Match", current).statusCode()).isEqualTo(204);
		assertThat(get("/products/" + id).statusCode()).isEqualTo(404);
	}

	/**
	 * The version typed without its quotes, or sent as a weak tag, which If-Match's
	 * strong comparison never matches: the 412 says how to send the tag, not that the
	 * product changed, on every route that takes If-Match.
	 */
	@ParameterizedTest(name = "If-Match: {0}")
	@ValueSource(strings = { "UNQUOTED", "W/CURRENT" })
	void anIfMatchNamingNoTagThisServiceIssuesIs412SayingHowToSendTheTag(String header) {
		long id = newProduct();
		HttpResponse<String> before = get("/products/" + id);
		String etag = before.headers().firstValue("ETag").orElseThrow();
		String ifMatch = header.replace("UNQUOTED", etag.replace("\"", "")).replace("CURRENT", etag);

		List<HttpResponse<String>> refused = List.of(
				send(HttpRequest.newBuilder(uri("/products/" + id)).header("If-Match", ifMatch).GET()),
				replace(id, "If-Match", ifMatch), delete(id, "If-Match", ifMatch));

		for (HttpResponse<String> response : refused) {
			assertProblem(response, 412);
			assertThat(body(response).get("detail").asString()).isEqualTo("If-Match names no version of product " + id
					+ ": send the entity tag as the ETag header gives it, in quotes (\"3\"), not weak (W/\"3\")");
		}
		assertUnchanged(id, before);
	}

	@Test
	void deleteOfAMissingProductWithIfNoneMatchStarIs404() {
		assertProblem(delete(Long.MAX_VALUE, "If-None-Match", "*"), 404);
	}

	@Test
	void aWriteWithBothPreconditionsHappensOnlyWhenBothHold() {
		long id = newProduct();
		HttpResponse<String> before = get("/products/" + id);
		String etag = before.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> excluded = replace(id, "If-Match", etag, "If-None-Match", etag);
		HttpResponse<String> stale = replace(id, "If-Match", "\"41\"", "If-None-Match", "\"42\"");
		HttpResponse<String> neither = replace(id, "If-Match", "\"41\"", "If-None-Match", etag);

		assertProblem(excluded, 412);
		assertThat(body(excluded).get("detail").asString()).contains("If-None-Match");
		assertProblem(stale, 412);
		assertThat(body(stale).get("detail").asString()).contains("If-Match").doesNotContain("If-None-Match");
		assertProblem(neither, 412);
		assertThat(body(neither).get("detail").asString()).as("If-Match is evaluated first (RFC 9110, 13.2.2)")
			.contains("If-Match")
			.doesNotContain("If-None-Match");
		assertUnchanged(id, before);
		HttpResponse<String> both = replace(id, "If-Match", etag, "If-None-Match", "\"42\"");
		assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
	}

	/**
	 * A precondition sent as several header fields is one list (RFC 9110, section 5.3): a
	 * tag counts whichever field holds it.
	 */
	@Test
	void aPreconditionSentAsSeveralFieldsIsOneList() {
		long id = newProduct();
		HttpResponse<String> before = get("/products/" + id);
		String etag = before.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> excluded = replace(id, "If-None-Match", "\"41\"", "If-None-Match", etag);
		assertProblem(excluded, 412);
		assertUnchanged(id, before);

		HttpResponse<String> replaced = replace(id, "If-Match", "\"41\"", "If-Match", etag);
		assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
		String current = replaced.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> deleted = delete(id, "If-Match", current, "If-Match", etag);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
	}

	@Test
	void getWithIfMatchNamingAnotherVersionIs412() {
		long id = newProduct();

		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/products/" + id)).header("If-Match", "\"99\"").GET());

		assertProblem(response, 412);
	}

	@ParameterizedTest(name = "If-Match: {0}")
	@ValueSource(strings = { "*", "CURRENT", "\"99\", CURRENT" })
	void getWithIfMatchNamingTheCurrentVersionOrStarIs200(String header) {
		long id = newProduct();
		String etag = get("/products/" + id).headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/products/" + id))
			.header("If-Match", header.replace("CURRENT", etag))
			.GET());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void aProductMayBeCachedButIsRevalidatedEveryTime() {
		long id = newProduct();

		HttpResponse<String> ok = get("/products/" + id);

		assertThat(ok.headers().allValues("Cache-Control")).containsExactly("no-cache");
		assertThat(ok.headers().firstValue("Expires")).isEmpty();
		assertThat(ok.headers().firstValue("Pragma")).isEmpty();
	}

	@ParameterizedTest(name = "If-None-Match: {0}")
	@ValueSource(strings = { "CURRENT", "*" })
	void notModifiedCarriesTheValidatorAndCacheHeadersOfTheOk(String header) {
		long id = newProduct();
		HttpResponse<String> ok = get("/products/" + id);
		String etag = ok.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> notModified = send(HttpRequest.newBuilder(uri("/products/" + id))
			.header("If-None-Match", header.replace("CURRENT", etag))
			.GET());

		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		for (String name : new String[] { "ETag", "Cache-Control", "Expires", "Pragma" }) {
			assertThat(notModified.headers().allValues(name)).as(name).isEqualTo(ok.headers().allValues(name));
		}
	}

	@Test
	void listsErrorsAndWritesAreStillNeverStored() {
		long id = newProduct();

		HttpResponse<String> list = get("/products?limit=1");
		HttpResponse<String> missing = get("/products/" + Long.MAX_VALUE);
		HttpResponse<String> failed = send(
				HttpRequest.newBuilder(uri("/products/" + id)).header("If-Match", "\"99\"").GET());
		HttpResponse<String> replaced = replace(id);
		HttpResponse<String> created = send("POST", "/products", tokens.admin(),
				product(unique("PRE"), "Created", unique("pre")).toString());
		HttpResponse<String> deleted = delete(id, "If-Match", "*");

		assertThat(List.of(list, missing, failed, replaced, created, deleted)).extracting(HttpResponse::statusCode)
			.as("each kind of answer is covered: a list, a 404, a 412, a replacement, a creation, a deletion")
			.containsExactly(200, 404, 412, 200, 201, 204);
		for (HttpResponse<String> response : List.of(list, missing, failed, replaced, created, deleted)) {
			assertThat(response.headers().firstValue("Cache-Control")).as(response.request().method())
				.hasValue("no-cache, no-store, max-age=0, must-revalidate");
		}
	}

	private long newProduct() {
		return create(product(unique("PRE"), "Conditional", unique("pre"))).get("id").asLong();
	}

	private HttpResponse<String> replace(long id, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/products/" + id))
			.PUT(HttpRequest.BodyPublishers.ofString(product(unique("PRE"), "Replaced", "pre").toString()))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + tokens.admin());
		return send(headers.length == 0 ? request : request.headers(headers));
	}

	private HttpResponse<String> delete(long id, String... headers) {
		return send(HttpRequest.newBuilder(uri("/products/" + id))
			.DELETE()
			.header("Authorization", "Bearer " + tokens.admin())
			.headers(headers));
	}

	/** Same version, same fields: the refused write changed nothing. */
	private void assertUnchanged(long id, HttpResponse<String> before) {
		HttpResponse<String> after = get("/products/" + id);
		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(after.headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag"));
		assertThat(after.body()).isEqualTo(before.body());
	}

}
