package io.storefront.product.catalog;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.product.ProductApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searches take turns, so that however many arrive, reads by id (cart's lookups) still
 * find a pooled connection: while every turn is held, one more search waits its
 * {@code max-wait} and is answered 503 with {@code Retry-After}, and a read by id answers
 * at once. The waiting search and the refusal show on {@code /metrics}.
 */
class SearchTurnsTests extends ProductApiTestSupport {

	@Autowired
	private SearchTurns turns;

	@Autowired
	private SearchSettings settings;

	@Test
	void aSearchBeyondTheTurnsIs503WhileAReadByIdAnswers() throws Exception {
		String category = unique("turns");
		long id = create(product(unique("SKU"), "Turn-taking lamp", category)).get("id").asLong();
		CountDownLatch holding = new CountDownLatch(this.settings.maxConcurrent());
		CountDownLatch release = new CountDownLatch(1);
		double refusedBefore = metric("storefront_product_searches_refused_total");
		ExecutorService searches = Executors.newVirtualThreadPerTaskExecutor();
		try {
			for (int i = 0; i < this.settings.maxConcurrent(); i++) {
				searches.submit(() -> this.turns.take(() -> {
					holding.countDown();
					try {
						return release.await(30, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return false;
					}
				}));
			}
			assertThat(holding.await(10, TimeUnit.SECONDS)).as("every turn held").isTrue();

			searches.submit(() -> this.turns.take(() -> true));
			double waiting = awaitMetric("storefront_product_searches_waiting", 1);
			long started = System.nanoTime();
			HttpResponse<String> refused = get("/products?q=lamp&category=" + category);
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			HttpResponse<String> byId = get("/products/" + id);

			assertThat(waiting).as("a search waiting for its turn").isEqualTo(1);
			assertThat(metric("storefront_product_searches_refused_total"))
				.as("the search that waited, which began first, and the one over HTTP")
				.isEqualTo(refusedBefore + 2);

			assertProblem(refused, 503);
			assertThat(refused.body()).contains("too many searches at once; retry shortly");
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(waited).as("waited for a turn").isGreaterThanOrEqualTo(this.settings.maxWait());
			assertThat(byId.statusCode()).as(byId.body()).isEqualTo(200);
		}
		finally {
			release.countDown();
			searches.close();
		}
		HttpResponse<String> again = get("/products?q=lamp&category=" + category);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(body(again).get("total").asLong()).isOne();
	}

	private double metric(String name) {
		Matcher sample = Pattern.compile("(?m)^" + name + "\\{[^}]*\\} (\\S+)$").matcher(get("/metrics").body());
		assertThat(sample.find()).as(name + " on /metrics").isTrue();
		return Double.parseDouble(sample.group(1));
	}

	/** The metric's value once it is {@code expected}, or its last value after 5 s. */
	private double awaitMetric(String name, double expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		double value = metric(name);
		while (value != expected && System.nanoTime() < deadline) {
			Thread.sleep(20);
			value = metric(name);
		}
		return value;
	}

}
