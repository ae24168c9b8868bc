package io.storefront.auth;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.config.ScheduledTaskHolder;

import io.storefront.web.testing.ScrapedMetricsContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auth's {@code /metrics} after a refused request and a run of each scheduled task (the
 * refresh-token purge first runs 10 minutes after start-up; its timers appear then).
 */
class MetricsTests extends AuthServiceTestSupport implements ScrapedMetricsContract {

	@Autowired
	private ScheduledTaskHolder scheduled;

	@BeforeEach
	void someTraffic() {
		assertThat(api().get("/auth/me", null).status()).isEqualTo(401);
		assertThat(this.scheduled.getScheduledTasks()).isNotEmpty();
		this.scheduled.getScheduledTasks().forEach((task) -> task.getTask().getRunnable().run());
	}

	@Override
	public int metricsPort() {
		return this.port;
	}

}
