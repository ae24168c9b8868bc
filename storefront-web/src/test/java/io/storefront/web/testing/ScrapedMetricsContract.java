package io.storefront.web.testing;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's {@code /metrics} as Prometheus scrapes it: clean under promtool, and with
 * every metric the alerting rules read. A service's test class implements it, makes some
 * traffic before each test, and says where it listens.
 */
public interface ScrapedMetricsContract {

	int metricsPort();

	/** The metrics the rules read that this service must export. */
	default Set<String> metricsTheRulesNeed() {
		return PrometheusRules.metricsEveryServiceExports();
	}

	@Test
	default void promtoolFindsNoProblemInTheMetrics() {
		assertThat(Promtool.metricsProblems(PrometheusRules.scrape(metricsPort()))).isEmpty();
	}

	@Test
	default void everyMetricTheAlertingRulesReadIsExported() {
		assertThat(PrometheusRules.seriesNames(PrometheusRules.scrape(metricsPort())))
			.containsAll(metricsTheRulesNeed());
	}

}
