package io.storefront.auth;

import org.junit.jupiter.api.BeforeEach;

import io.storefront.web.testing.ScrapedMetricsContract;

import static org.assertj.core.api.Assertions.assertThat;

/** Auth's {@code /metrics} after a refused request. */
class MetricsTests extends AuthServiceTestSupport implements ScrapedMetricsContract {

	@BeforeEach
	void someTraffic() {
		assertThat(api().get("/auth/me", null).status()).isEqualTo(401);
	}

	@Override
	public int metricsPort() {
		return this.port;
	}

}
