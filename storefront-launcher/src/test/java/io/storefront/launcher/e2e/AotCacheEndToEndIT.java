package io.storefront.launcher.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.storefront.db.config.DotEnvFile;
import io.storefront.launcher.ports.PortCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./storefront up} with the start-up (AOT) cache on a JDK 25: the first run trains
 * each service's cache once (without binding the services' ports) and starts them from
 * it; a second run on the same state folder starts from the same caches without training
 * again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AotCacheEndToEndIT {

	/**
	 * How long each training run and each service start may take. Only a hang should
	 * reach it: a loaded machine makes training slower (over 120 s has been seen), and
	 * the test must wait for it, not fail.
	 */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(15);

	/** Training, then starting, then PostgreSQL and provisioning around them. */
	private static final Duration START_LIMIT = START_TIMEOUT.multipliedBy(2).plusMinutes(5);

	private final StorefrontHttp http = new StorefrontHttp();

	private final Map<String, FileTime> cachesOfFirstRun = new LinkedHashMap<>();

	private IsolatedUp isolation;

	private RunningStorefront up;

	@BeforeAll
	void isolatedStateAndPorts() throws IOException {
		// ./storefront runs the services on the JDK it picks: JAVA_HOME, which runs this
		// test too
		assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs a JDK 25");
		this.isolation = IsolatedUp.create("storefront-e2e-aot");
	}

	@AfterAll
	void stopWhateverIsLeft() {
		if (this.isolation != null) {
			this.isolation.end(this.up);
		}
	}

	@Test
	@Order(1)
	void firstUpTrainsEachCacheOnceWithoutBindingThePortsAndStartsFromIt() throws Exception {
		this.up = this.isolation.launch("aot-first-up", cacheOn());
		try {
			// the training runs serve on free ports of their own (server.port=0), never
			// on the services' ports
			while (!this.up.outputContains("Starting auth-service on") && this.up.isAlive()) {
				for (int i = 0; i < Machine.SERVICES.size(); i++) {
					assertThat(PortCheck.isFree(this.isolation.basePort() + i + 1))
						.as(Machine.SERVICES.get(i) + "'s port while training")
						.isTrue();
				}
				Thread.sleep(100);
			}
			this.up.awaitUp(START_LIMIT);
		}
		catch (AssertionError | InterruptedException ex) {
			this.up.kill();
			throw ex;
		}
		assertThat(this.up.outputContains("warning: no start-up cache")).as(this.up.tail(40)).isFalse();
		for (int i = 0; i < Machine.SERVICES.size(); i++) {
			String service = Machine.SERVICES.get(i);
			assertThat(this.up.outputContains("Training start-up cache for " + service + "…")).as(service).isTrue();
			assertThat(this.up.outputContains("Start-up cache for " + service + " done in")).as(service).isTrue();
			Path cache = cacheFolder(service).resolve("app.aot");
			assertThat(cache).isNotEmptyFile();
			this.cachesOfFirstRun.put(service, Files.getLastModifiedTime(cache));
			assertThat(Files.readString(cacheFolder(service).resolve("training.log"))).as(service + " training")
				.contains("Successfully validated")
				.contains("training run done: 120 requests answered")
				.doesNotContain("Tomcat started on port " + (this.isolation.basePort() + i + 1) + " ");
		}
		assertStartedFromTheCacheAndHealthy();
		assertThat(this.up.terminate(Duration.ofSeconds(90))).as(this.up.tail(30)).isZero();
	}

	@Test
	@Order(2)
	void secondUpReusesTheCachesWithoutTraining() throws Exception {
		assumeTrue(this.cachesOfFirstRun.size() == Machine.SERVICES.size(), "the first run trained the caches");
		this.up = this.isolation.start("aot-second-up", cacheOn(), START_LIMIT);
		try {
			assertThat(this.up.outputContains("Training start-up cache")).as(this.up.tail(40)).isFalse();
			assertThat(this.up.outputContains("warning: no start-up cache")).isFalse();
			for (String service : Machine.SERVICES) {
				assertThat(Files.getLastModifiedTime(cacheFolder(service).resolve("app.aot"))).as(service)
					.isEqualTo(this.cachesOfFirstRun.get(service));
			}
			assertStartedFromTheCacheAndHealthy();
		}
		finally {
			assertThat(this.up.terminate(Duration.ofSeconds(90))).isZero();
		}
	}

	private void assertStartedFromTheCacheAndHealthy() throws Exception {
		Map<String, String> lock = DotEnvFile.read(this.isolation.state().resolve("up.lock"));
		for (int i = 0; i < Machine.SERVICES.size(); i++) {
			String service = Machine.SERVICES.get(i);
			List<String> command = ServiceCommandLine.of(Long.parseLong(lock.get("service." + service)));
			assertThat(command.subList(1, command.size())).as(service)
				.containsExactly("-Dspring.aot.enabled=true", "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
						"-XX:-ShrinkHeapInSteps", "-XX:MaxHeapFreeRatio=40", "-XX:TrimNativeHeapInterval=2000",
						"-XX:+ExitOnOutOfMemoryError", "-XX:AOTCache=" + cacheFolder(service).resolve("app.aot"),
						"-jar", cacheFolder(service).resolve("app").resolve(service + ".jar").toString());
			StorefrontHttp.Reply health = this.http
				.get("http://localhost:" + (this.isolation.basePort() + i + 1) + "/health/ready");
			assertThat(health.status()).as(service + " /health/ready: " + health.body()).isEqualTo(200);
		}
	}

	private Path cacheFolder(String service) {
		return this.isolation.state().resolve("aot").resolve(service);
	}

	private static Map<String, String> cacheOn() {
		return Map.of("STOREFRONT_AOT_CACHE", "on", "STOREFRONT_START_TIMEOUT",
				Long.toString(START_TIMEOUT.toSeconds()));
	}

}
