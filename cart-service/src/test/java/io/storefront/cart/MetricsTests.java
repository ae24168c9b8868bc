package io.storefront.cart;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.web.testing.PrometheusRules;
import io.storefront.web.testing.Promtool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics} as Prometheus scrapes it: clean under promtool, and with every metric
 * the rules read.
 */
class MetricsTests extends CartApiTestSupport {

	@BeforeEach
	void someTrafficThroughTheBreaker() {
		products.product(901, "Measuring cup", "3.00", "USD", 5);
		assertThat(add(tokens.user(newUser()), 901, 1).status()).isEqualTo(201);
	}

	@Test
	void promtoolFindsNoProblemInTheMetrics() {
		assertThat(Promtool.metricsProblems(PrometheusRules.scrape(this.port))).isEmpty();
	}

	@Test
	void everyMetricTheAlertingRulesReadIsExported() {
		assertThat(PrometheusRules.seriesNames(PrometheusRules.scrape(this.port)))
			.containsAll(PrometheusRules.metricsRead());
	}

}
