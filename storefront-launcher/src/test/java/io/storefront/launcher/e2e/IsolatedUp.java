package io.storefront.launcher.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.FileSystemUtils;

import io.storefront.db.testing.FreePorts;

/**
 * Where one end-to-end test class runs {@code ./storefront up}: a state folder and free
 * ports of its own, so that it never meets a developer's own {@code up} or another
 * test's. The folder is deleted after a clean run and kept after a failed one, to look
 * at.
 */
final class IsolatedUp {

	private final Path root = Machine.projectRoot();

	private final Path state;

	private final int postgresPort;

	private final int basePort;

	private IsolatedUp(Path state, int postgresPort, int basePort) {
		this.state = state;
		this.postgresPort = postgresPort;
		this.basePort = basePort;
	}

	/**
	 * @param name the start of the state folder's name
	 * @param replicas how many of each service the free ports must allow
	 */
	static IsolatedUp create(String name, int replicas) throws IOException {
		return new IsolatedUp(Files.createTempDirectory(name), FreePorts.any(), Machine.freeBasePort(replicas));
	}

	static IsolatedUp create(String name) throws IOException {
		return create(name, 1);
	}

	Path root() {
		return this.root;
	}

	Path state() {
		return this.state;
	}

	int postgresPort() {
		return this.postgresPort;
	}

	int basePort() {
		return this.basePort;
	}

	/**
	 * What runs {@code up} here, with {@code changes} on top: no build (the test's own
	 * build made the jars) and no start-up cache (its training would add a minute;
	 * {@code AotCacheEndToEndIT} turns it on).
	 */
	Map<String, String> environment(Map<String, String> changes) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("STOREFRONT_SKIP_BUILD", "1");
		environment.put("STOREFRONT_STATE_DIR", this.state.toString());
		environment.put("STOREFRONT_PG_PORT", Integer.toString(this.postgresPort));
		environment.put("STOREFRONT_BASE_PORT", Integer.toString(this.basePort));
		environment.put("STOREFRONT_AOT_CACHE", "off");
		environment.putAll(changes);
		return environment;
	}

	/**
	 * Runs {@code ./storefront arguments…} here to its end, in the environment {@code up}
	 * runs in.
	 */
	Finished command(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(this.root.resolve("storefront").toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile()).redirectErrorStream(true);
		builder.environment().putAll(environment(Map.of()));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return new Finished(process.waitFor(), output);
	}

	/** How a command ended: its exit status and what it wrote, stderr included. */
	record Finished(int status, String output) {
	}

	/**
	 * Starts {@code up}, its output kept in {@code target/e2e/<run>.log}, and returns at
	 * once.
	 */
	RunningStorefront launch(String run, Map<String, String> changes) throws IOException {
		return RunningStorefront.start(this.root, environment(changes),
				this.root.resolve("storefront-launcher/target/e2e/" + run + ".log"));
	}

	/**
	 * Starts {@code up} and returns once it is up; kills it when it is not within
	 * {@code limit}.
	 */
	RunningStorefront start(String run, Map<String, String> changes, Duration limit) throws Exception {
		RunningStorefront started = launch(run, changes);
		try {
			started.awaitUp(limit);
		}
		catch (AssertionError | InterruptedException ex) {
			started.kill();
			throw ex;
		}
		return started;
	}

	/**
	 * Kills what is left of {@code up} and keeps the folder to look at; after a clean
	 * run, deletes it.
	 */
	void end(RunningStorefront up) {
		if (up != null && up.isAlive()) {
			up.kill();
			return;
		}
		try {
			FileSystemUtils.deleteRecursively(this.state);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
