package io.storefront.auth;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.storefront.web.testing.PrometheusRules;
import io.storefront.web.testing.Promtool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics} as Prometheus scrapes it: clean under promtool, and with every metric
 * the rules read.
 */
class MetricsTests extends AuthServiceTestSupport {

	@BeforeEach
	void someTraffic() {
		assertThat(api().get("/auth/me", null).status()).isEqualTo(401);
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
