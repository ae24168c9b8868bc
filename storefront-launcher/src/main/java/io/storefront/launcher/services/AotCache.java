package io.storefront.launcher.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.storefront.launcher.process.ChildCommand;
import io.storefront.launcher.process.ChildOutput;
import io.storefront.launcher.process.ChildProcess;

/**
 * A start-up cache per service (JDK 25's AOT cache, JEP 483/514/515): the fat jar is
 * extracted once, one training run ({@code -XX:AOTCacheOutput}: the service starts on a
 * free port of its own, answers its own health probes a few times and exits, see
 * {@code io.storefront.db.startup.TrainingRun}) records the classes it loaded and linked
 * and their profiles, and the service then starts from the extracted jar with
 * {@code -XX:AOTCache}: ready in about a third of the time.
 *
 * <p>
 * A service's cache lives in {@code <state>/aot/<service>/}: {@code app/} (the extracted
 * jar and its {@code lib/}), {@code app.aot}, {@code training.log} and {@code cache.key}.
 * The key names the fat jar (path, size, modification time), the JDK (build and folder)
 * and the JVM flags; any change there trains again. The key is written last, so a cache
 * whose training was cut short is never used.
 *
 * <p>
 * The cache only ever speeds things up: when extraction or training fails (an exit code,
 * no cache file, longer than the limit), one warning says why and the service starts from
 * its plain fat jar.
 */
public final class AotCache {

	/**
	 * Makes a service exercise its own request path once ready, then exit
	 * (storefront-db's TrainingRun).
	 */
	static final String TRAINING_RUN = "storefront.training-run";

	/**
	 * The first feature release whose {@code -XX:AOTCacheOutput} trains and writes the
	 * cache in one run.
	 */
	public static final int MINIMUM_FEATURE = 25;

	static final String KEY_FILE = "cache.key";

	static final String CACHE_FILE = "app.aot";

	static final String EXTRACTED = "app";

	static final String TRAINING_LOG = "training.log";

	private static final int REASON_LINES = 3;

	private final Path javaExecutable;

	private final String jdk;

	private final Path root;

	private final Path workingDirectory;

	private final Duration limit;

	private final Consumer<String> notes;

	private final BooleanSupplier stop;

	/** The steps under way, killed when {@link #prepare(List, BiConsumer)} ends early. */
	private final Set<ChildProcess> running = ConcurrentHashMap.newKeySet();

	/**
	 * @param java the java executable that runs the services
	 * @param jdk what tells that JDK from another (its build and folder), part of the
	 * cache key
	 * @param root the folder that holds one cache folder per service
	 * @param workingDirectory the services' working folder
	 * @param limit how long one extraction or training run may take before it is killed
	 * @param notes where the progress lines and warnings go
	 * @param stop says when {@code up} is asked to stop, which ends a training run early
	 */
	public AotCache(Path java, String jdk, Path root, Path workingDirectory, Duration limit, Consumer<String> notes,
			BooleanSupplier stop) {
		this.javaExecutable = java;
		this.jdk = jdk;
		this.root = root;
		this.workingDirectory = workingDirectory;
		this.limit = limit;
		this.notes = notes;
		this.stop = stop;
	}

	/**
	 * The cache for the JDK in {@code javaHome}, or empty (after one note) when that JDK
	 * has none.
	 * @param limit how long one extraction or training run may take: the services' start
	 * timeout, since a training run is a start
	 */
	public static Optional<AotCache> forJdk(Path javaHome, Path root, Path workingDirectory, Duration limit,
			Consumer<String> notes, BooleanSupplier stop) {
		Optional<JavaRuntime> runtime = JavaRuntime.of(javaHome);
		if (runtime.isEmpty() || runtime.get().feature() < MINIMUM_FEATURE) {
			notes.accept("Start-up cache skipped: it needs Java " + MINIMUM_FEATURE + " or newer, the services run on "
					+ runtime.map((found) -> "Java " + found.version()).orElse("an unknown Java") + " (" + javaHome
					+ ").");
			return Optional.empty();
		}
		return Optional.of(new AotCache(javaHome.resolve("bin").resolve("java"),
				runtime.get().version() + " " + javaHome, root, workingDirectory, limit, notes, stop));
	}

	/**
	 * Each service as it should start: from its trained cache when there is one (trained
	 * now, all at once, if missing or out of date), else unchanged. {@code started} hears
	 * of every extraction and training process (service name, PID), so that a killed
	 * launcher's next run can stop it.
	 */
	public List<ServiceSpec> prepare(List<ServiceSpec> specs, BiConsumer<String, Long> started) {
		if (specs.size() == 1) {
			return List.of(prepare(specs.get(0), started));
		}
		ExecutorService pool = Executors.newFixedThreadPool(specs.size(),
				Thread.ofPlatform().name("aot-training-", 0).daemon(true).factory());
		try {
			List<Future<ServiceSpec>> prepared = new ArrayList<>();
			for (ServiceSpec spec : specs) {
				prepared.add(pool.submit(() -> prepare(spec, started)));
			}
			List<ServiceSpec> result = new ArrayList<>();
			for (int i = 0; i < specs.size(); i++) {
				result.add(outcome(prepared.get(i), specs.get(i)));
			}
			return result;
		}
		finally {
			pool.shutdownNow();
			List.copyOf(this.running).forEach(ChildProcess::kill);
		}
	}

	private ServiceSpec outcome(Future<ServiceSpec> prepared, ServiceSpec spec) {
		try {
			return prepared.get();
		}
		catch (ExecutionException ex) {
			warn(spec, "cannot prepare it: " + ex.getCause());
			return spec;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return spec;
		}
	}

	/**
	 * One service: its cache if trained for this jar, JDK and flags (training it now if
	 * not), else {@code spec}.
	 */
	ServiceSpec prepare(ServiceSpec spec, BiConsumer<String, Long> started) {
		Path folder = folder(spec);
		Path cache = folder.resolve(CACHE_FILE);
		Path extractedJar = folder.resolve(EXTRACTED).resolve(spec.jar().getFileName());
		try {
			String key = key(spec);
			if (key.equals(readKey(folder)) && Files.isRegularFile(cache) && Files.isRegularFile(extractedJar)) {
				return withCache(spec, extractedJar, cache);
			}
			this.notes.accept("Training start-up cache for " + spec.name() + "… (once for this build of it)");
			long begin = System.nanoTime();
			clear(folder);
			Files.createDirectories(folder);
			Path log = folder.resolve(TRAINING_LOG);
			List<String> extract = List.of(this.javaExecutable.toString(), "-Djarmode=tools", "-jar",
					spec.jar().toString(), "extract", "--destination", folder.resolve(EXTRACTED).toString());
			ChildProcess extraction = start(spec, extract, log, started);
			Optional<String> failure = failure(extraction);
			if (failure.isPresent()) {
				return warn(spec, "extracting " + spec.jar().getFileName() + " " + failure.get());
			}
			if (!Files.isRegularFile(extractedJar)) {
				return warn(spec, "extracting " + spec.jar().getFileName() + " left no " + extractedJar);
			}
			List<String> train = new ArrayList<>();
			train.add(this.javaExecutable.toString());
			train.addAll(spec.jvmOptions());
			train.add("-XX:AOTCacheOutput=" + cache);
			train.add("-D" + TRAINING_RUN + "=true");
			train.add("-Dserver.port=0");
			train.add("-jar");
			train.add(extractedJar.toString());
			ChildProcess training = start(spec, train, log, started);
			failure = failure(training);
			if (failure.isPresent()) {
				return warn(spec, "training " + failure.get());
			}
			if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
				return warn(spec, "training wrote no " + CACHE_FILE + training.tail(REASON_LINES));
			}
			Files.writeString(folder.resolve(KEY_FILE), key, StandardCharsets.UTF_8);
			this.notes.accept(String.format(Locale.ROOT, "Start-up cache for %s done in %.1f s.", spec.name(),
					(System.nanoTime() - begin) / 1e9));
			return withCache(spec, extractedJar, cache);
		}
		catch (IOException | UncheckedIOException ex) {
			return warn(spec, ex.toString());
		}
	}

	/**
	 * What decides whether a trained cache still fits: the fat jar (a rebuild changes its
	 * size or time), the JDK, and the JVM flags (from the launcher and from
	 * {@code JDK_JAVA_OPTIONS}, which the java launcher adds itself), since a cache made
	 * under other flags may not be usable.
	 */
	String key(ServiceSpec spec) throws IOException {
		return "jar=" + spec.jar().toAbsolutePath() + "\n" //
				+ "jar.size=" + Files.size(spec.jar()) + "\n" //
				+ "jar.modified=" + Files.getLastModifiedTime(spec.jar()).toMillis() + "\n" //
				+ "jdk=" + this.jdk + "\n" //
				+ "jvm.options=" + String.join(" ", spec.jvmOptions()) + "\n" //
				+ "JDK_JAVA_OPTIONS=" + spec.environment().getOrDefault("JDK_JAVA_OPTIONS", "") + "\n";
	}

	Path folder(ServiceSpec spec) {
		return this.root.resolve(spec.name());
	}

	private static ServiceSpec withCache(ServiceSpec spec, Path extractedJar, Path cache) {
		return spec.startedFrom(extractedJar, List.of("-XX:AOTCache=" + cache));
	}

	/**
	 * Starts one step with the service's environment, its output added to {@code log}.
	 */
	private ChildProcess start(ServiceSpec spec, List<String> command, Path log, BiConsumer<String, Long> started) {
		Map<String, String> environment = new HashMap<>(spec.environment());
		// PORT would win over server.port=0: training must not take the port the service
		// is about to use.
		environment.remove("PORT");
		ChildProcess step = ChildCommand.of(spec.name(), command)
			.in(this.workingDirectory)
			.withEnvironment(environment)
			.start(ChildOutput.appendedTo(log));
		this.running.add(step);
		started.accept(spec.name(), step.pid());
		return step;
	}

	/**
	 * Waits for one step to end; empty when it exited 0, else what went wrong.
	 */
	private Optional<String> failure(ChildProcess step) {
		try {
			return switch (step.awaitExit(this.limit, this.stop)) {
				case EXITED -> (step.exitCode().orElse(-1) == 0) ? Optional.empty()
						: Optional.of("exited with code " + step.exitCode().orElse(-1) + step.tail(REASON_LINES));
				case OVERRAN -> Optional
					.of("took longer than " + this.limit.toSeconds() + " s and was stopped" + step.tail(REASON_LINES));
				case STOPPED -> Optional.of("stopped: up is stopping");
				case INTERRUPTED -> Optional.of("interrupted");
			};
		}
		finally {
			this.running.remove(step);
		}
	}

	private ServiceSpec warn(ServiceSpec spec, String reason) {
		if (this.stop.getAsBoolean()) {
			return spec; // up is stopping: nothing to warn about, and it will not start
							// the service
		}
		this.notes.accept("warning: no start-up cache for " + spec.name() + " (" + reason.strip()
				+ "); it starts from its plain jar, more slowly.");
		return spec;
	}

	private static String readKey(Path folder) throws IOException {
		Path key = folder.resolve(KEY_FILE);
		return Files.isRegularFile(key) ? Files.readString(key, StandardCharsets.UTF_8) : null;
	}

	private static void clear(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (var paths = Files.walk(folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

}
