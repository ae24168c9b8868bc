package io.storefront.cart;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.cart.support.CartApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How adds behave when the product service says no, is down, slow or failing (production
 * timeouts).
 */
@Tag("reliability")
@ExtendWith(OutputCaptureExtension.class)
class ProductServiceFailureTests extends CartApiTestSupport {

	/** The limit of one product lookup attempt. */
	private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

	/** The limit of a product lookup, retry included. */
	private static final Duration LOOKUP_BUDGET = Duration.ofSeconds(3);

	/** What a loaded two-core machine may add. */
	private static final Duration MARGIN = Duration.ofSeconds(5);

	@Test
	void addingAnUnknownProductIs404AndIsAskedOnce() {
		String user = newUser();

		String detail = add(tokens.user(user), 999_001, 1).assertProblem(404);

		assertThat(detail).contains("999001");
		assertThat(products.requests()).as("a 404 is an answer, not retried").isEqualTo(1);
		assertThat(storedLines(user)).isZero();
	}

	@Test
	void addingMoreThanTheStockIs409StatingTheStock() {
		String user = newUser();
		String token = tokens.user(user);
		products.product(201, "Grinder", "89.00", "USD", 3);
		assertThat(add(token, 201, 2).status()).isEqualTo(201);

		String detail = add(token, 201, 2).assertProblem(409);

		assertThat(detail).contains("only 3", "has 2", "2 more");
		assertThat(get("/cart", token).json().get("items").get(0).get("quantity").asInt()).isEqualTo(2);
		add(tokens.user(newUser()), 201, 4).assertProblem(409);
	}

	/**
	 * A stock of 0 is a product sold out, which the product service allows: not enough
	 * stock (409), not an answer the cart cannot use (502).
	 */
	@Test
	void addingAProductOutOfStockIs409StatingTheStock() {
		String user = newUser();
		products.product(206, "Sold-out grinder", "89.00", "USD", 0);

		String detail = add(tokens.user(user), 206, 1).assertProblem(409);

		assertThat(detail).contains("only 0");
		assertThat(storedLines(user)).isZero();
	}

	@Test
	void theWholeStockCanBeAddedAndNotOneMore() {
		String token = tokens.user(newUser());
		products.product(207, "Last grinders", "89.00", "USD", 3);

		Response added = add(token, 207, 3);

		assertThat(added.status()).as(added.body()).isEqualTo(201);
		assertThat(add(token, 207, 1).assertProblem(409)).contains("only 3", "has 3");
	}

	@Test
	void settingAQuantityAboveTheStockIs409() {
		String token = tokens.user(newUser());
		products.product(202, "Scale", "35.00", "USD", 4);
		add(token, 202, 1);

		String detail = patch("/cart/items/202", token, "{\"quantity\":5}").assertProblem(409);

		assertThat(detail).contains("only 4");
		assertThat(patch("/cart/items/202", token, "{\"quantity\":4}").status()).isEqualTo(200);
	}

	@Test
	void aLineTheStockDroppedBelowCanBeLoweredWithoutTheProductService() {
		String token = tokens.user(newUser());
		products.product(205, "Tamper", "15.00", "USD", 10);
		add(token, 205, 5);
		products.product(205, "Tamper", "15.00", "USD", 2);
		int requestsBefore = products.requests();

		assertThat(patch("/cart/items/205", token, "{\"quantity\":4}").status()).isEqualTo(200);
		assertThat(products.requests()).as("lowering asks no product service").isEqualTo(requestsBefore);
		assertThat(patch("/cart/items/205", token, "{\"quantity\":5}").assertProblem(409)).contains("only 2");
		products.stop();
		Response lowered = patch("/cart/items/205", token, "{\"quantity\":3}");

		assertThat(lowered.status()).as(lowered.body()).isEqualTo(200);
		assertThat(CartJourneyTests.line(lowered.json(), 205).get("quantity").asInt()).isEqualTo(3);
		assertThat(patch("/cart/items/205", token, "{\"quantity\":3}").status()).as("keeping it").isEqualTo(200);
	}

	@Test
	void settingTheQuantityOfAProductNoLongerSoldIs409() {
		String token = tokens.user(newUser());
		products.product(203, "Discontinued mug", "5.00", "USD", 4);
		add(token, 203, 1);
		products.reset();

		patch("/cart/items/203", token, "{\"quantity\":2}").assertProblem(409);
	}

	@Test
	void settingAQuantityWhenTheProductServiceAnswersWithSomethingThatIsNotAProductIs502() {
		String token = tokens.user(newUser());
		products.product(204, "Kettle", "25.00", "USD", 4);
		add(token, 204, 1);
		products.rawProduct(204, "<html>maintenance</html>");

		patch("/cart/items/204", token, "{\"quantity\":2}").assertProblem(502);
		assertThat(get("/cart", token).json().get("items").get(0).get("quantity").asInt()).isOne();
	}

	@Test
	void aStoppedProductServiceMakesAdds503QuicklyWhileTheCartStillShows() {
		String user = newUser();
		String token = tokens.user(user);
		products.product(211, "Filter papers", "4.00", "USD", 100);
		add(token, 211, 1);
		products.stop();

		Response refused = add(token, 211, 1);

		String detail = refused.assertProblem(503);
		assertThat(detail).as("refused at once, not timed out").doesNotContain("did not answer within");
		assertThat(refused.header("Retry-After")).isNotBlank();
		assertThat(refused.took()).as("no attempt waited for its timeout").isLessThan(ATTEMPT_TIMEOUT.plus(MARGIN));
		patch("/cart/items/211", token, "{\"quantity\":3}").assertProblem(503);
		Response view = get("/cart", token);
		assertThat(view.status()).isEqualTo(200);
		assertThat(view.json().get("items").get(0).get("quantity").asInt()).isEqualTo(1);
	}

	@Test
	void aProductServiceSlowerThanTheTimeoutMakesAdds503WithinTheBudget() {
		String user = newUser();
		products.product(221, "Slow product", "1.00", "USD", 10);
		products.delay(Duration.ofSeconds(15));
		double failedWithRetry = retryCalls("failed_with_retry");
		double failedWithoutRetry = retryCalls("failed_without_retry");

		Response refused = add(tokens.user(user), 221, 1);

		String detail = refused.assertProblem(503);
		// 2 s for the first attempt, then one retry in what is left of the 3 s budget:
		// long before the 15 s answer.
		assertThat(retryTimeout(detail)).isPositive().isLessThanOrEqualTo(LOOKUP_BUDGET.minus(ATTEMPT_TIMEOUT));
		assertThat(wholeWait(detail)).as("the whole wait, not the last attempt's")
			.isBetween(ATTEMPT_TIMEOUT, refused.took());
		assertThat(refused.took()).isBetween(ATTEMPT_TIMEOUT, LOOKUP_BUDGET.plus(MARGIN));
		assertThat(products.requests()).isEqualTo(2);
		assertThat(storedLines(user)).isZero();
		assertThat(retryCalls("failed_with_retry")).as("a lookup whose retry timed out too")
			.isEqualTo(failedWithRetry + 1);
		assertThat(retryCalls("failed_without_retry")).isEqualTo(failedWithoutRetry);
	}

	/**
	 * The deadline covers the body too, however it is held back: a byte every 300 ms
	 * never lets one read wait as long as the attempt's timeout. A body cut off by the
	 * deadline is a timeout (retried, counted), not a bad answer.
	 */
	@ParameterizedTest(name = "{0}")
	@EnumSource(HeldBack.class)
	void aProductServiceHoldingBackItsBodyMakesAdds503WithinTheBudget(HeldBack heldBack) {
		String user = newUser();
		products.product(222, "Half-sent product", "1.00", "USD", 10);
		switch (heldBack) {
			case STALLED_HALF_WAY -> products.stallBody(Duration.ofSeconds(15));
			case TRICKLED -> products.trickleBody(Duration.ofMillis(300));
		}

		Response refused = add(tokens.user(user), 222, 1);

		assertThat(retryTimeout(refused.assertProblem(503))).isPositive()
			.isLessThanOrEqualTo(LOOKUP_BUDGET.minus(ATTEMPT_TIMEOUT));
		assertThat(refused.took()).isBetween(ATTEMPT_TIMEOUT, LOOKUP_BUDGET.plus(MARGIN));
		assertThat(products.requests()).isEqualTo(2);
		assertThat(this.productServiceBreaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
		assertThat(storedLines(user)).isZero();
	}

	enum HeldBack {

		STALLED_HALF_WAY, TRICKLED

	}

	@Test
	void aProductServiceAnswering500MakesAdds503AfterOneRetry() {
		products.product(231, "Cursed product", "1.00", "USD", 10);
		products.failWith(500);
		double failedWithRetry = retryCalls("failed_with_retry");
		double failedWithoutRetry = retryCalls("failed_without_retry");

		Response refused = add(tokens.user(newUser()), 231, 1);

		assertThat(refused.assertProblem(503)).contains("500");
		assertThat(refused.header("Retry-After")).isEqualTo("1");
		assertThat(products.requests()).as("the GET is retried once").isEqualTo(2);
		assertThat(retryCalls("failed_with_retry")).isEqualTo(failedWithRetry + 1);
		assertThat(retryCalls("failed_without_retry")).isEqualTo(failedWithoutRetry);
	}

	/**
	 * 429 is the product service asking to be called less, a failure that may pass: like
	 * a 5xx it is retried once, counted by the breaker and answered 503 with
	 * {@code Retry-After} (README), not passed on as a bad answer (502).
	 */
	@Test
	void aProductServiceAnswering429MakesAdds503AfterOneRetry() {
		String user = newUser();
		products.product(233, "Rationed product", "1.00", "USD", 10);
		products.failWith(429);

		Response refused = add(tokens.user(user), 233, 1);

		assertThat(refused.assertProblem(503)).contains("answered 429");
		assertThat(refused.header("Retry-After")).isEqualTo("1");
		assertThat(products.requests()).as("the GET is retried once").isEqualTo(2);
		assertThat(this.productServiceBreaker.getMetrics().getNumberOfFailedCalls()).as("each attempt counts")
			.isEqualTo(2);
		assertThat(storedLines(user)).isZero();
	}

	/**
	 * Any other 4xx is the product service refusing this very request: asking again gets
	 * the same answer, and it says nothing about the product service's health, so it is a
	 * 502, neither retried nor counted by the breaker (README). Counted, a few such
	 * answers would open the breaker and refuse every user's adds.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 400, 403, 410 })
	void aProductServiceAnsweringAnotherClientErrorIs502NotRetriedAndNotCountedByTheBreaker(int status) {
		String user = newUser();
		products.product(234, "Forbidden product", "1.00", "USD", 10);
		products.failWith(status);
		CircuitBreaker.Metrics before = this.productServiceBreaker.getMetrics();
		int failedBefore = before.getNumberOfFailedCalls();
		int bufferedBefore = before.getNumberOfBufferedCalls();

		String detail = add(tokens.user(user), 234, 1).assertProblem(502);

		assertThat(detail).contains("answered " + status);
		assertThat(products.requests()).as("not retried").isOne();
		CircuitBreaker.Metrics after = this.productServiceBreaker.getMetrics();
		assertThat(after.getNumberOfFailedCalls()).as("failed calls").isEqualTo(failedBefore);
		assertThat(after.getNumberOfBufferedCalls()).as("calls the breaker judges").isEqualTo(bufferedBefore);
		assertThat(this.productServiceBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(storedLines(user)).isZero();
	}

	@Test
	void aFailedLookupIsLoggedByTheCartUnderItsOwnNameWithKeyValueFields(CapturedOutput output) {
		products.product(232, "Unlucky product", "1.00", "USD", 10);
		products.failWith(500);

		add(tokens.user(newUser()), 232, 1).assertProblem(503);

		JsonNode failed = logLine(output, "product lookup failed: product_id=232");
		assertThat(failed.get("logger_name").asString()).isEqualTo("io.storefront.cart.product.ProductCatalog");
		assertThat(failed.get("message").asString()).doesNotStartWith("product-service");
		assertThat(failed.path("service").asString()).isEqualTo("cart-service");
		assertThat(failed.path("product_id").asLong()).isEqualTo(232);
		assertThat(failed.path("reason").asString()).isEqualTo("answered 500");
		JsonNode retried = logLine(output, "product lookup retried after");
		assertThat(retried.get("logger_name").asString()).endsWith(".cart.product.ProductServiceConfiguration");
		assertThat(retried.path("retry").asString()).isEqualTo("product-service");
		assertThat(retried.path("attempt").asInt()).as("the attempt about to be made").isEqualTo(2);
	}

	@Test
	void aProductServiceAnsweringWithSomethingThatIsNotAProductIs502AndNotRetried() {
		products.rawProduct(241, "{\"id\":241,\"name\":\"No price\",\"currency\":\"USD\",\"stock\":5}");
		products.rawProduct(242, "<html>maintenance</html>");
		String token = tokens.user(newUser());

		add(token, 241, 1).assertProblem(502);
		add(token, 242, 1).assertProblem(502);

		assertThat(products.requests()).isEqualTo(2);
		assertThat(this.productServiceBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
	}

	/**
	 * A product is a few hundred bytes; sixteen adds answered with 30 MB each used to end
	 * cart with OutOfMemoryError.
	 */
	@Test
	void anAnswerLargerThanAnyProductIsRefusedAs502WithoutReadingItAll() {
		String padding = "x".repeat(200 * 1024);
		products.rawProduct(245, "{\"id\":245,\"name\":\"Padded\",\"price\":1.00,\"currency\":\"USD\",\"stock\":5,"
				+ "\"padding\":\"" + padding + "\"}");
		String user = newUser();

		String detail = add(tokens.user(user), 245, 1).assertProblem(502);

		assertThat(detail)
			.isEqualTo("the product service answered GET /products/245 with a body larger than 65536 bytes");
		assertThat(products.requests()).as("not retried").isOne();
		assertThat(storedLines(user)).isZero();
	}

	/**
	 * An answer whose Content-Length is over the limit is refused from its headers: the
	 * cart does not wait for a body it would refuse. This one sends less than the limit,
	 * then stalls: read until the limit, it would time out (503) instead.
	 */
	@Test
	void anAnswerDeclaringALengthLargerThanAnyProductIsRefusedWithoutWaitingForItsBody() {
		String padding = "x".repeat(100 * 1024);
		products.rawProduct(248, "{\"id\":248,\"name\":\"Padded\",\"price\":1.00,\"currency\":\"USD\",\"stock\":5,"
				+ "\"padding\":\"" + padding + "\"}");
		products.stallBody(Duration.ofSeconds(15));
		String user = newUser();

		Response refused = add(tokens.user(user), 248, 1);

		assertThat(refused.assertProblem(502))
			.isEqualTo("the product service answered GET /products/248 with a body larger than 65536 bytes");
		assertThat(products.requests()).as("not retried").isOne();
		assertThat(storedLines(user)).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{\"id\":7,\"name\":\"Wrong id\",\"price\":1.00,\"currency\":\"USD\",\"stock\":5}",
			"{\"id\":243,\"name\":\" \",\"price\":1.00,\"currency\":\"USD\",\"stock\":5}",
			"{\"id\":243,\"name\":\"Fraction of a cent\",\"price\":1.005,\"currency\":\"USD\",\"stock\":5}",
			"{\"id\":243,\"name\":\"Negative\",\"price\":-1.00,\"currency\":\"USD\",\"stock\":5}",
			"{\"id\":243,\"name\":\"Too dear\",\"price\":10000000000.00,\"currency\":\"USD\",\"stock\":5}",
			"{\"id\":243,\"name\":\"Lower-case currency\",\"price\":1.00,\"currency\":\"usd\",\"stock\":5}",
			"{\"id\":243,\"name\":\"No stock field\",\"price\":1.00,\"currency\":\"USD\"}",
			"{\"id\":243,\"name\":\"Negative stock\",\"price\":1.00,\"currency\":\"USD\",\"stock\":-1}", "[]", "" })
	void productsTheCartCannotStoreAre502(String body) {
		String user = newUser();
		products.rawProduct(243, body);

		add(tokens.user(user), 243, 1).assertProblem(502);

		assertThat(storedLines(user)).isZero();
	}

	@Test
	void aProductNameLongerThanALineCanHoldIs502AndOneAtTheLimitIsStored() {
		String token = tokens.user(newUser());
		products.product(246, "n".repeat(1001), "1.00", "USD", 5);
		products.product(247, "n".repeat(1000), "1.00", "USD", 5);

		String detail = add(token, 246, 1).assertProblem(502);

		assertThat(detail).contains("name is missing or invalid");
		assertThat(add(token, 247, 1).status()).isEqualTo(201);
		assertThat(get("/cart", token).json().get("items").get(0).get("name").asString()).hasSize(1000);
	}

	@ParameterizedTest(name = "[{0}]")
	@NullSource
	@ValueSource(strings = { "W/", "W/1", "W/W/\"1\"", "1", "\"\"", "\"one\"", "\"01\"", "\"-1\"", "\"1.0\"",
			"\"99999999999999999999\"" })
	void anAnswerWithoutAProductVersionInItsETagIs502AndNotRetried(String entityTag) {
		String user = newUser();
		products.productTagged(244, entityTag, "Untagged", "1.00", "USD", 5);

		String detail = add(tokens.user(user), 244, 1).assertProblem(502);

		assertThat(detail).isEqualTo(
				"the product service answered GET /products/244 with a product whose ETag is missing or invalid");
		assertThat(products.requests()).isOne();
		assertThat(this.productServiceBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
		assertThat(storedLines(user)).isZero();
	}

	@Test
	void theBreakerOpensAfterRepeatedFailuresAndClosesOnItsOwnWhenTheProductServiceRecovers() {
		String token = tokens.user(newUser());
		products.product(251, "Flaky product", "2.00", "USD", 100);
		failUntilTheBreakerOpens(token, 251);
		assertThat(this.productServiceBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(get("/metrics", null).body()).contains(
				"resilience4j_circuitbreaker_state{application=\"cart-service\",name=\"product-service\",state=\"open\"} 1.0");

		int askedBefore = products.requests();
		Response refused = add(token, 251, 1);
		String detail = refused.assertProblem(503);
		assertThat(detail).contains("paused");
		assertThat(refused.header("Retry-After")).isEqualTo("5");
		assertThat(products.requests()).as("an open breaker does not call the product service").isEqualTo(askedBefore);
		assertThat(refused.took()).as("no attempt waited for its timeout").isLessThan(ATTEMPT_TIMEOUT.plus(MARGIN));
		assertThat(get("/metrics", null).body()).contains("resilience4j_circuitbreaker_not_permitted_calls_total",
				"resilience4j_circuitbreaker_calls_seconds_count", "resilience4j_retry_calls_total");

		products.healthy();
		// The breaker half-opens after its 5 s pause.
		await().atMost(Duration.ofSeconds(5).plus(MARGIN).plus(MARGIN))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(add(token, 251, 1).status()).isEqualTo(201));
		assertThat(add(token, 251, 1).status()).isEqualTo(200);
		assertThat(add(token, 251, 1).status()).isEqualTo(200);
		assertThat(this.productServiceBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(get("/cart", token).json().get("items").get(0).get("quantity").asInt()).isEqualTo(3);
	}

	@Test
	void aFailedTrialCallIsNotRetriedSoOneLookupCannotOutweighTheRecovery() {
		String token = tokens.user(newUser());
		products.product(252, "Recovering product", "2.00", "USD", 100);
		failUntilTheBreakerOpens(token, 252);
		await().atMost(Duration.ofSeconds(5).plus(MARGIN).plus(MARGIN))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.productServiceBreaker.getState() == CircuitBreaker.State.HALF_OPEN);

		int askedBefore = products.requests();
		add(token, 252, 1).assertProblem(503);
		assertThat(products.requests() - askedBefore).as("a failed trial is not retried").isOne();

		products.healthy();
		assertThat(add(token, 252, 1).status()).isEqualTo(201);
		assertThat(add(token, 252, 1).status()).isEqualTo(200);
		assertThat(this.productServiceBreaker.getState())
			.as("one failed trial and two successful ones close the breaker")
			.isEqualTo(CircuitBreaker.State.CLOSED);
	}

	/**
	 * Three adds answered 503 by the product service: its fifth failed call opens the
	 * breaker, which refuses the third add's retry.
	 */
	private void failUntilTheBreakerOpens(String token, long productId) {
		products.failWith(503);
		for (int i = 0; i < 3; i++) {
			add(token, productId, 1).assertProblem(503);
		}
	}

	/**
	 * The time the last attempt was given, from the detail's
	 * {@code "did not answer within
	 * N ms"}: what the budget had left, not a whole attempt's timeout.
	 */
	private static Duration wholeWait(String detail) {
		Matcher matcher = Pattern.compile("the last of 2 attempts in (\\d+) ms").matcher(detail);
		assertThat(matcher.find()).as(detail).isTrue();
		return Duration.ofMillis(Long.parseLong(matcher.group(1)));
	}

	private static Duration retryTimeout(String detail) {
		Matcher matcher = Pattern.compile("did not answer within (\\d+) ms").matcher(detail);
		assertThat(matcher.find()).as(detail).isTrue();
		return Duration.ofMillis(Long.parseLong(matcher.group(1)));
	}

}
