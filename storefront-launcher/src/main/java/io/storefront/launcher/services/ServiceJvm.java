package io.storefront.launcher.services;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVM flags and memory-related environment the services run with under {@code up}: production
 * defaults sized for a small container, so that what a developer (and the benchmark) measures is what
 * production runs. {@code STOREFRONT_SERVICE_JAVA_OPTIONS} replaces the flags entirely; the java
 * launcher still appends {@code JDK_JAVA_OPTIONS} from the environment itself, so flags given there win.
 */
public final class ServiceJvm {

	/** Replaces {@link #DEFAULT_OPTIONS} entirely (split on whitespace) when set; set but blank means no flags. */
	public static final String OPTIONS_VARIABLE = "STOREFRONT_SERVICE_JAVA_OPTIONS";

	public static final List<String> DEFAULT_OPTIONS = List.of(
			// a fixed small start and a cap: the container's memory budget, not a quarter of the host's RAM
			"-Xms64m", "-Xmx256m",
			// the smallest footprint (no concurrent GC threads, no remembered sets) on 2 cores with a small heap
			"-XX:+UseSerialGC",
			// every 2 s, give memory that glibc keeps in its arenas after frees back to the OS (RSS falls again)
			"-XX:TrimNativeHeapInterval=2000",
			// a service out of memory is broken: exit, and let the orchestrator (or up) restart it
			"-XX:+ExitOnOutOfMemoryError");

	/**
	 * Set to 2 in each service's environment unless given: fewer glibc malloc arenas than the default
	 * 8 per core, so less native memory is held by the threads' own arenas.
	 */
	static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";

	private ServiceJvm() {
	}

	/** The flags for the services, from the launcher's own environment. */
	public static List<String> options(Map<String, String> launcherEnvironment) {
		String configured = launcherEnvironment.get(OPTIONS_VARIABLE);
		if (configured == null) {
			return DEFAULT_OPTIONS;
		}
		return Arrays.stream(configured.strip().split("\\s+")).filter((option) -> !option.isEmpty()).toList();
	}

}
