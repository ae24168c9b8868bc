package io.storefront.launcher.services;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a service starts from its AOT cache and when from its fat jar, with a fake
 * {@code java} that extracts and trains (or fails to) as told by its environment, so no
 * JVM or database is needed.
 */
class AotCacheTests {

	/**
	 * Records each call; extracts (a jar and lib/) and trains (writes the
	 * -XX:AOTCacheOutput file) unless told to fail.
	 */
	private static final String FAKE_JAVA = """
			#!/bin/bash
			echo "$*" >> "$FAKE_CALLS"
			if [[ "$1" == -Djarmode=tools ]]; then
			  [[ "$FAKE_EXTRACT" == fail ]] && { echo "Error: not a Spring Boot jar"; exit 3; }
			  dest="${@: -1}"; mkdir -p "$dest/lib"; cp "$3" "$dest/$(basename "$3")"; exit 0
			fi
			for arg in "$@"; do [[ "$arg" == -XX:AOTCacheOutput=* ]] && out="${arg#-XX:AOTCacheOutput=}"; done
			case "$FAKE_TRAIN" in
			  fail) echo "Starting ProductServiceApplication"; echo "HikariPool-1 - Exception during pool initialization"; echo "FATAL: password authentication failed"; exit 1 ;;
			  no-cache) echo "Started and exited"; exit 0 ;;
			  slow) echo "$$" > "$FAKE_CALLS.pid"; sleep 60; exit 0 ;;
			  *) echo "AOTCache creation is complete: $out"; echo cache > "$out"; exit 0 ;;
			esac
			""";

	@TempDir
	Path folder;

	private Path java;

	private Path calls;

	private final List<String> notes = new CopyOnWriteArrayList<>();

	private final List<Long> started = new CopyOnWriteArrayList<>();

	@BeforeEach
	void fakeJava() throws Exception {
		this.java = this.folder.resolve("jdk/bin/java");
		Files.createDirectories(this.java.getParent());
		Files.writeString(this.java, FAKE_JAVA);
		this.java.toFile().setExecutable(true);
		this.calls = this.folder.resolve("calls.txt");
	}

	@Test
	void trainsOnceThenStartsFromTheCacheAndTheExtractedJar() throws Exception {
		ServiceSpec spec = spec(KnownServices.PRODUCT, Map.of());
		AotCache cache = cache(Duration.ofSeconds(30));

		ServiceSpec prepared = cache.prepare(spec, this::started);

		Path cacheFolder = this.folder.resolve("state/aot/product-service");
		assertThat(prepared.jar()).isEqualTo(cacheFolder.resolve("app/product-service.jar"));
		assertThat(prepared.javaArguments()).containsExactly("-Xmx256m", "-XX:+UseSerialGC",
				"-XX:AOTCache=" + cacheFolder.resolve("app.aot"), "-jar",
				cacheFolder.resolve("app/product-service.jar").toString());
		assertThat(prepared.environment()).isEqualTo(spec.environment());
		assertThat(this.notes).containsExactly(
				"Training start-up cache for product-service… (once for this build of it)", this.notes.get(1));
		assertThat(this.notes.get(1)).matches("Start-up cache for product-service done in \\d+\\.\\d s\\.");
		List<String> calls = Files.readAllLines(this.calls);
		assertThat(calls).hasSize(2);
		assertThat(calls.get(0))
			.isEqualTo("-Djarmode=tools -jar " + spec.jar() + " extract --destination " + cacheFolder.resolve("app"));
		assertThat(calls.get(1)).isEqualTo("-Xmx256m -XX:+UseSerialGC -XX:AOTCacheOutput="
				+ cacheFolder.resolve("app.aot") + " -Dstorefront.training-run=true -Dserver.port=0 -jar "
				+ cacheFolder.resolve("app/product-service.jar"));
		assertThat(this.started).hasSize(2);

		this.notes.clear();
		ServiceSpec again = cache(Duration.ofSeconds(30)).prepare(spec, this::started);

		assertThat(again).isEqualTo(prepared);
		assertThat(this.notes).isEmpty();
		assertThat(Files.readAllLines(this.calls)).as("no second training").hasSize(2);
	}

	@Test
	void aRebuiltJarAnotherJdkOrOtherFlagsTrainAgain() throws Exception {
		ServiceSpec spec = spec(KnownServices.PRODUCT, Map.of());
		AotCache cache = cache(Duration.ofSeconds(30));
		String key = cache.key(spec);

		Files.setLastModifiedTime(spec.jar(),
				FileTime.fromMillis(Files.getLastModifiedTime(spec.jar()).toMillis() + 5000));
		assertThat(cache.key(spec)).isNotEqualTo(key);
		key = cache.key(spec);
		assertThat(new AotCache(this.java, "26+1 /jdk26", this.folder.resolve("state/aot"), this.folder,
				Duration.ofSeconds(1), this.notes::add, () -> false)
			.key(spec)).isNotEqualTo(key);
		assertThat(cache.key(spec.startedFrom(spec.jar(), List.of("-XX:+UseG1GC")))).isNotEqualTo(key);
		assertThat(cache.key(spec(KnownServices.PRODUCT, Map.of("JDK_JAVA_OPTIONS", "-Xmx1g")))).isNotEqualTo(key);

		cache.prepare(spec, this::started);
		Files.writeString(spec.jar(), "a rebuilt jar, longer than before");
		ServiceSpec rebuilt = cache.prepare(spec, this::started);

		assertThat(rebuilt.javaArguments()).anyMatch((argument) -> argument.startsWith("-XX:AOTCache="));
		assertThat(Files.readAllLines(this.calls)).as("extract + train, twice").hasSize(4);
	}

	@Test
	void aFailedTrainingFallsBackToTheFatJarWithOneWarningSayingWhy() throws Exception {
		ServiceSpec spec = spec(KnownServices.PRODUCT, Map.of("FAKE_TRAIN", "fail"));

		ServiceSpec prepared = cache(Duration.ofSeconds(30)).prepare(spec, this::started);

		assertThat(prepared).isEqualTo(spec);
		assertThat(this.notes).hasSize(2);
		assertThat(this.notes.get(1))
			.isEqualTo("warning: no start-up cache for product-service (training exited with code 1: "
					+ "Starting ProductServiceApplication / HikariPool-1 - Exception during pool initialization / "
					+ "FATAL: password authentication failed); it starts from its plain jar, more slowly.");
		assertThat(this.folder.resolve("state/aot/product-service/cache.key")).doesNotExist();
	}

	@Test
	void aTrainingThatWritesNoCacheFallsBack() throws Exception {
		ServiceSpec spec = spec(KnownServices.PRODUCT, Map.of("FAKE_TRAIN", "no-cache"));

		assertThat(cache(Duration.ofSeconds(30)).prepare(spec, this::started)).isEqualTo(spec);
		assertThat(this.notes.get(1)).startsWith(
				"warning: no start-up cache for product-service (training wrote no app.aot: Started and exited)");
	}

	@Test
	void aFailedExtractionFallsBack() throws Exception {
		ServiceSpec spec = spec(KnownServices.PRODUCT, Map.of("FAKE_EXTRACT", "fail"));

		assertThat(cache(Duration.ofSeconds(30)).prepare(spec, this::started)).isEqualTo(spec);
		assertThat(this.notes.get(1)).isEqualTo("warning: no start-up cache for product-service (extracting "
				+ "product-service.jar exited with code 3: Error: not a Spring Boot jar); it starts from its plain jar, more slowly.");
		assertThat(Files.readAllLines(this.calls)).as("no training without a jar").hasSize(1);
	}

	@Test
	void aTrainingOverTheLimitIsKilledByPidAndFallsBack() throws Exception {
		ServiceSpec spec = spec(KnownServices.PRODUCT, Map.of("FAKE_TRAIN", "slow"));
		long begin = System.nanoTime();

		assertThat(cache(Duration.ofSeconds(2)).prepare(spec, this::started)).isEqualTo(spec);

		assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(20));
		assertThat(this.notes.get(1)).startsWith(
				"warning: no start-up cache for product-service (training took longer than 2 s and was stopped");
		long training = this.started.get(this.started.size() - 1);
		assertThat(ProcessHandle.of(training).filter(ProcessHandle::isAlive)).isEmpty();
	}

	@Test
	void servicesTrainSideBySideAndOneFailureLeavesTheOthersCached() throws Exception {
		List<ServiceSpec> specs = List.of(spec(KnownServices.AUTH, Map.of()),
				spec(KnownServices.PRODUCT, Map.of("FAKE_TRAIN", "fail")), spec(KnownServices.CART, Map.of()));

		List<ServiceSpec> prepared = cache(Duration.ofSeconds(30)).prepare(specs, this::started);

		assertThat(prepared.get(0).javaArguments()).anyMatch((argument) -> argument.startsWith("-XX:AOTCache="));
		assertThat(prepared.get(1)).isEqualTo(specs.get(1));
		assertThat(prepared.get(2).javaArguments()).anyMatch((argument) -> argument.startsWith("-XX:AOTCache="));
		assertThat(this.notes).filteredOn((note) -> note.startsWith("warning:")).hasSize(1);
	}

	@Test
	void anOlderJdkIsSkippedWithOneNote() throws Exception {
		Path jdk21 = Files.createDirectories(this.folder.resolve("jdk21"));
		Files.writeString(jdk21.resolve("release"), "JAVA_VERSION=\"21.0.7\"\n");

		assertThat(AotCache.forJdk(jdk21, this.folder.resolve("aot"), this.folder, Duration.ofSeconds(180),
				this.notes::add, () -> false))
			.isEmpty();
		assertThat(this.notes).containsExactly(
				"Start-up cache skipped: it needs Java 25 or newer, the services run on Java 21.0.7 (" + jdk21 + ").");
	}

	private void started(String service, long pid) {
		this.started.add(pid);
	}

	private AotCache cache(Duration limit) {
		return new AotCache(this.java, "25.0.3+9-LTS /jdk", this.folder.resolve("state/aot"),
				this.folder.resolve("state"), limit, this.notes::add, () -> false);
	}

	private ServiceSpec spec(ServiceIdentity service, Map<String, String> extra) throws Exception {
		Path jar = this.folder.resolve(service.name() + "/target/" + service.name() + ".jar");
		if (!Files.exists(jar)) {
			Files.createDirectories(jar.getParent());
			Files.writeString(jar, "a fat jar");
		}
		Map<String, String> environment = new HashMap<>(extra);
		environment.put("PATH", "/usr/bin:/bin");
		environment.put("FAKE_CALLS", this.calls.toString());
		return new ServiceSpec(service, jar, new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC")), 18002,
				environment, this.folder.resolve("logs/" + service.name() + ".log"));
	}

}
