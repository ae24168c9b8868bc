package io.storefront.product;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.storefront.web.testing.PrometheusRules;
import io.storefront.web.testing.Promtool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics} as Prometheus scrapes it: clean under promtool, and with every metric
 * the rules read.
 */
class MetricsTests extends ProductApiTestSupport {

	@BeforeEach
	void someTraffic() {
		assertThat(get("/products").statusCode()).isEqualTo(200);
	}

	@Test
	void promtoolFindsNoProblemInTheMetrics() {
		assertThat(Promtool.metricsProblems(PrometheusRules.scrape(this.port))).isEmpty();
	}

	@Test
	void everyMetricTheAlertingRulesReadIsExported() {
		assertThat(PrometheusRules.seriesNames(PrometheusRules.scrape(this.port)))
			.containsAll(PrometheusRules.metricsEveryServiceExports());
	}

}
