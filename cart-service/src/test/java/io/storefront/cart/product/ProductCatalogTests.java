package io.storefront.cart.product;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class ProductCatalogTests {

	/**
	 * A first attempt with any other limit than the one its client was made for would
	 * build a new HTTP client for every lookup.
	 */
	@Test
	void theFirstAttemptHasExactlyTheLimitItsClientWasMadeForWhenTheLookupsLimitIsShorter() {
		ProductServiceSettings settings = new ProductServiceSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
				Duration.ofSeconds(3), Duration.ofMillis(100), 10, 5, 50, Duration.ofSeconds(5), 3);
		RecordingHttp http = new RecordingHttp(settings.firstAttemptTimeout());
		ProductCatalog catalog = new ProductCatalog(http, CircuitBreaker.ofDefaults("product-service"),
				Retry.ofDefaults("product-service"), settings);

		assertThat(catalog.find(7)).isEmpty();

		assertThat(http.timeouts).containsExactly(Duration.ofSeconds(3));
	}

	private static final class RecordingHttp extends ProductHttp {

		final List<Duration> timeouts = new ArrayList<>();

		RecordingHttp(Duration usualTimeout) {
			super(RestClient.builder().baseUrl("http://127.0.0.1:9"), HttpClients.createDefault(), usualTimeout);
		}

		@Override
		Optional<Product> fetch(long productId, Duration timeout) {
			this.timeouts.add(timeout);
			return Optional.empty();
		}

	}

}
