package io.storefront.launcher.services;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVM flags and memory-related environment the services run with under {@code up}:
 * production defaults sized for a small container, so that what a developer (and the
 * benchmark) measures is what production runs. {@code STOREFRONT_SERVICE_JAVA_OPTIONS}
 * replaces the tuning flags; it comes after {@link #SPRING_AOT}, so
 * {@code -Dspring.aot.enabled=false} there turns that off. The java launcher also reads
 * {@code JDK_JAVA_OPTIONS} from the environment, but puts it before the command line's
 * flags, so it can only add flags, not change these.
 */
public final class ServiceJvm {

	/**
	 * Always given: the service jars are built with Spring AOT ({@code process-aot}), and
	 * this makes a service start from the bean definitions generated then instead of
	 * working them out again.
	 */
	public static final String SPRING_AOT = "-Dspring.aot.enabled=true";

	/**
	 * Replaces {@link #DEFAULT_OPTIONS} entirely (split on whitespace) when set; set but
	 * blank means no flags.
	 */
	public static final String OPTIONS_VARIABLE = "STOREFRONT_SERVICE_JAVA_OPTIONS";

	public static final List<String> DEFAULT_OPTIONS = List.of(
			// a fixed small start and a cap: the container's memory budget, not a quarter
			// of the host's RAM. Under 1024 connections 50-70 MB stay live (Tomcat's
			// buffers per connection and per request), so a smaller cap buys RSS with
			// full collections: 160 MB measured 2-3 per service of 0.2-0.9 s
			// (docs/performance.md)
			"-Xms64m", "-Xmx256m",
			// the smallest footprint (no concurrent GC threads, no remembered sets) on 2
			// cores with a small heap
			"-XX:+UseSerialGC",
			// after a full collection, shrink the heap at once to what keeps 40 % of it
			// free: with storefront-web's IdleHeapReturn, which collects once a burst is
			// over, a service gives back the heap the burst grew (Serial otherwise keeps
			// it, and shrinks in small steps)
			"-XX:-ShrinkHeapInSteps", "-XX:MaxHeapFreeRatio=40",
			// every 2 s, give memory that glibc keeps in its arenas after frees back to
			// the OS (RSS falls again)
			"-XX:TrimNativeHeapInterval=2000",
			// a service out of memory is broken: exit, and let the orchestrator (or up)
			// restart it
			"-XX:+ExitOnOutOfMemoryError");

	/**
	 * Set to 2 in each service's environment unless given: fewer glibc malloc arenas than
	 * the default 8 per core, so less native memory is held by the threads' own arenas.
	 */
	public static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";

	/** The value of {@link #MALLOC_ARENA_MAX} unless the environment gives one. */
	public static final String MALLOC_ARENAS = "2";

	private ServiceJvm() {
	}

	/** The flags for the services, from the launcher's own environment. */
	public static List<String> options(Map<String, String> launcherEnvironment) {
		List<String> options = new ArrayList<>();
		options.add(SPRING_AOT);
		String configured = launcherEnvironment.get(OPTIONS_VARIABLE);
		if (configured == null) {
			options.addAll(DEFAULT_OPTIONS);
		}
		else {
			Arrays.stream(configured.strip().split("\\s+")).filter((option) -> !option.isEmpty()).forEach(options::add);
		}
		return List.copyOf(options);
	}

}
