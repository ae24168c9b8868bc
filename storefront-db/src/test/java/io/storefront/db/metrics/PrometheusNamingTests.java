package io.storefront.db.metrics;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusNamingTests {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	PrometheusNamingTests() {
		this.registry.config().meterFilter(new PrometheusNaming());
		new ProcessorMetrics().bindTo(this.registry);
		new JvmCompilationMetrics().bindTo(this.registry);
		new CpuTimeMetrics().bindTo(this.registry);
	}

	@Test
	void cpuTimesAreInSecondsUnderPrometheusNames() {
		String metrics = this.registry.scrape();

		assertThat(metrics).doesNotContain("process_cpu_time_ns_total")
			.doesNotContain("jvm_compilation_time_ms_total")
			.doesNotContain("system_cpu_count")
			.contains("# TYPE process_cpu_seconds_total counter")
			.contains("# TYPE jvm_compilation_time_seconds_total counter")
			.contains("# TYPE system_cpus gauge");
		double cpuSeconds = this.registry.get("process.cpu").functionCounter().count();
		double uptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
		assertThat(cpuSeconds).as("CPU seconds, not nanoseconds")
			.isPositive()
			.isLessThan(uptimeSeconds * Runtime.getRuntime().availableProcessors() + 1);
	}

	@Test
	void httpServerAndClientTimersGetTheirHelpText() {
		this.registry.timer("http.server.requests", "uri", "/cart").record(Duration.ofMillis(3));
		this.registry.timer("http.client.requests", "uri", "/products/{id}").record(Duration.ofMillis(2));

		assertThat(this.registry.scrape()).contains("# HELP http_server_requests_seconds HTTP requests answered")
			.contains("# HELP http_client_requests_seconds HTTP requests this service made to others");
	}

	@Test
	void tomcatSessionMetersAreLeftOutAndOthersKept() {
		Counter.builder("tomcat.sessions.created").register(this.registry).increment();
		Counter.builder("storefront.db.read.retries").register(this.registry).increment();

		assertThat(this.registry.scrape()).doesNotContain("tomcat_sessions")
			.contains("storefront_db_read_retries_total");
	}

}
