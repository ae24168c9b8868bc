package io.storefront.db.metrics;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * CPU time in seconds, in place of Micrometer's meters in milliseconds and nanoseconds
 * (see {@link PrometheusNaming}): {@code process_cpu_seconds_total}, the name every
 * Prometheus client library gives it, and {@code jvm_compilation_time_seconds_total}.
 * Each is left out where the JVM cannot tell.
 */
public class CpuTimeMetrics implements MeterBinder {

	private static final String SECONDS = "seconds";

	private static final double NANOS_PER_SECOND = 1e9;

	private static final double MILLIS_PER_SECOND = 1e3;

	@Override
	public void bindTo(MeterRegistry registry) {
		OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
		if (system instanceof com.sun.management.OperatingSystemMXBean process && process.getProcessCpuTime() >= 0) {
			FunctionCounter.builder("process.cpu", process, (bean) -> bean.getProcessCpuTime() / NANOS_PER_SECOND)
				.baseUnit(SECONDS)
				.description("CPU time used by the service's process")
				.register(registry);
		}
		CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
		if (compilation != null && compilation.isCompilationTimeMonitoringSupported()) {
			FunctionCounter
				.builder("jvm.compilation.time", compilation,
						(bean) -> bean.getTotalCompilationTime() / MILLIS_PER_SECOND)
				.baseUnit(SECONDS)
				.description("Time the JIT compilers have spent compiling")
				.register(registry);
		}
	}

}
