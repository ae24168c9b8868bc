package io.storefront.product.catalog;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.product.ProductApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searches take turns, so that however many arrive, reads by id (cart's lookups) still
 * find a pooled connection: while every turn is held, one more search waits its
 * {@code max-wait} and is answered 503 with {@code Retry-After}, and a read by id answers
 * at once.
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

			long started = System.nanoTime();
			HttpResponse<String> refused = get("/products?q=lamp&category=" + category);
			Duration waited = Duration.ofNanos(System.nanoTime() - started);
			HttpResponse<String> byId = get("/products/" + id);

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

}
