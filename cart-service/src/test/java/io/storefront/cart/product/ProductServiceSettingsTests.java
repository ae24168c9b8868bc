package io.storefront.cart.product;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.storefront.db.config.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductServiceSettingsTests {

	/**
	 * Each count is named on its own: the line used to name breaker-window for all three.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "breaker-window, 0, 5, 3", "breaker-minimum-calls, 10, 0, 3", "breaker-trial-calls, 10, 5, -1" })
	void aBreakerCountBelowOneIsRefusedNamingItsOwnProperty(String property, int window, int minimumCalls,
			int trialCalls) {
		assertThatThrownBy(
				() -> new ProductServiceSettings(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
						Duration.ofMillis(100), window, minimumCalls, 50, Duration.ofSeconds(5), trialCalls))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith(
					"invalid configuration: storefront.cart.product-service." + property + " must be at least 1 (got ");
	}

}
