package io.storefront.product;

import org.junit.jupiter.api.BeforeEach;

import io.storefront.web.testing.ScrapedMetricsContract;

import static org.assertj.core.api.Assertions.assertThat;

/** Product's {@code /metrics} after a catalog read. */
class MetricsTests extends ProductApiTestSupport implements ScrapedMetricsContract {

	@BeforeEach
	void someTraffic() {
		assertThat(get("/products").statusCode()).isEqualTo(200);
	}

	@Override
	public int metricsPort() {
		return this.port;
	}

}
