package io.storefront.launcher.e2e;

import java.io.IOException;
import java.nio.file.Files;

import java.time.Duration;
import java.util.ArrayList;
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

/**
 * {@code ./storefront up} stops as one: when a service dies, the others and PostgreSQL
 * are stopped and {@code up} exits non-zero naming it; Ctrl-C (SIGINT) and a closed
 * terminal (SIGHUP) stop everything as SIGTERM does ({@link UpEndToEndIT}). Either way no
 * process and no port is left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpStopsTogetherIT {

	private static final Duration START_LIMIT = Duration.ofMinutes(5);

	/**
	 * The launcher's 20 s stop grace per service, PostgreSQL's stop, and a margin for a
	 * loaded machine.
	 */
	private static final Duration STOP_LIMIT = Duration.ofSeconds(120);

	private IsolatedUp isolation;

	private RunningStorefront up;

	@BeforeAll
	void isolatedStateAndPorts() throws IOException {
		this.isolation = IsolatedUp.create("storefront-e2e-stop");
	}

	@AfterAll
	void stopWhateverIsLeft() {
		this.isolation.end(this.up);
	}

	@Test
	@Order(1)
	void aServiceThatDiesStopsTheOthersAndUpExitsNonZero() throws Exception {
		this.up = start("service-dies");
		List<Long> pids = processes();
		long product = pids.get(1);

		assertThat(ProcessHandle.of(product).orElseThrow().destroyForcibly()).isTrue();

		int status = this.up.awaitExit(STOP_LIMIT);
		assertThat(status).as(this.up.tail(30)).isNotZero();
		assertThat(this.up.outputContains("product-service exited unexpectedly with code")).as(this.up.tail(30))
			.isTrue();
		assertThat(this.up.outputContains("stopping the others")).isTrue();
		assertNothingLeft(pids);
	}

	@Test
	@Order(2)
	void ctrlCStopsEverything() throws Exception {
		this.up = start("ctrl-c");
		List<Long> pids = processes();

		int status = this.up.interrupt(STOP_LIMIT);

		assertThat(status).as(this.up.tail(30)).isZero();
		assertThat(this.up.outputContains("Stopping (SIGINT): services first, then PostgreSQL")).as(this.up.tail(30))
			.isTrue();
		assertNothingLeft(pids);
	}

	/**
	 * A closed terminal or a dropped SSH session (SIGHUP) is a stop like Ctrl-C, in
	 * order, not the JVM's shutdown hooks killing the services at once.
	 */
	@Test
	@Order(3)
	void aClosedTerminalStopsEverythingInOrder() throws Exception {
		this.up = start("hang-up");
		List<Long> pids = processes();

		int status = this.up.signal("HUP", STOP_LIMIT);

		assertThat(status).as(this.up.tail(30)).isZero();
		assertThat(this.up.outputContains("Stopping (SIGHUP): services first, then PostgreSQL")).as(this.up.tail(30))
			.isTrue();
		assertThat(this.up.outputContains("exited unexpectedly")).as(this.up.tail(30)).isFalse();
		assertNothingLeft(pids);
	}

	/** The three services' PIDs (auth, product, cart), PostgreSQL's and up's own. */
	private List<Long> processes() throws IOException {
		Map<String, String> lock = DotEnvFile.read(this.isolation.state().resolve("up.lock"));
		List<Long> pids = new ArrayList<>();
		for (String service : Machine.SERVICES) {
			pids.add(Long.parseLong(lock.get("service." + service)));
		}
		pids.add(Long
			.parseLong(Files.readAllLines(this.isolation.state().resolve("pgdata/postmaster.pid")).get(0).strip()));
		pids.add(this.up.pid());
		return pids;
	}

	private void assertNothingLeft(List<Long> pids) {
		for (long pid : pids) {
			assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process " + pid).isEmpty();
		}
		assertThat(this.isolation.state().resolve("up.lock")).doesNotExist();
		assertThat(this.isolation.state().resolve("pgdata/postmaster.pid")).doesNotExist();
		assertThat(PortCheck.isFree(this.isolation.postgresPort())).isTrue();
		for (int i = 0; i < Machine.SERVICES.size(); i++) {
			assertThat(PortCheck.isFree(this.isolation.basePort() + i + 1)).as(Machine.SERVICES.get(i) + "'s port")
				.isTrue();
		}
	}

	private RunningStorefront start(String name) throws Exception {
		return this.isolation.start("stop-" + name, Map.of(), START_LIMIT);
	}

}
