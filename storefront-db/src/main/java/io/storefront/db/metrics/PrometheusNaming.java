package io.storefront.db.metrics;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Brings the meters that libraries register into line with Prometheus's naming rules, so
 * that {@code promtool check metrics} finds nothing to report on {@code /metrics}:
 * <ul>
 * <li>Spring's HTTP server and client timers and its scheduled tasks' timers get the HELP
 * text they lack;</li>
 * <li>{@code system.cpu.count}, a gauge, would end in {@code _count}, which Prometheus
 * keeps for histograms and summaries: it is {@code system_cpus};</li>
 * <li>the JVM's compilation time (in ms) and the process's CPU time (in ns) are dropped:
 * {@link CpuTimeMetrics} registers both in seconds, Prometheus's base unit;</li>
 * <li>Tomcat's session meters are dropped: the services are stateless (bearer tokens, no
 * HTTP session), so they would always read 0.</li>
 * </ul>
 */
public class PrometheusNaming implements MeterFilter {

	private static final Map<String, String> DESCRIPTIONS = Map.of("http.server.requests",
			"HTTP requests answered, by method, route template, status and outcome", "http.server.requests.active",
			"HTTP requests being served right now", "http.client.requests",
			"HTTP requests this service made to others, by method, URI template, status and outcome",
			"http.client.requests.active", "HTTP requests this service is making to others right now",
			"tasks.scheduled.execution", "Runs of the service's scheduled tasks, by task and outcome",
			"tasks.scheduled.execution.active", "Scheduled tasks running right now");

	@Override
	public MeterFilterReply accept(Meter.Id id) {
		if (id.getName().startsWith("tomcat.sessions.")) {
			return MeterFilterReply.DENY;
		}
		if (isIn(id, "jvm.compilation.time", "ms") || isIn(id, "process.cpu.time", "ns")) {
			return MeterFilterReply.DENY;
		}
		return MeterFilterReply.NEUTRAL;
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		if (id.getName().equals("system.cpu.count")) {
			return id.withName("system.cpus");
		}
		String description = DESCRIPTIONS.get(id.getName());
		if (description != null && id.getDescription() == null) {
			return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description,
					id.getType());
		}
		return id;
	}

	private static boolean isIn(Meter.Id id, String name, String unit) {
		return id.getName().equals(name) && unit.equals(id.getBaseUnit());
	}

}
