package io.storefront.launcher.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the launcher runs as a child process, and how it is stopped.
 *
 * @param name what messages call it ("HAProxy", "product-service#2")
 * @param command the program and its arguments
 * @param directory its working folder (created if missing), or null for the launcher's
 * @param environment its whole environment, or null for the launcher's own
 * @param stopGrace how long {@link ChildProcess#stop()} lets it shut down after SIGTERM
 * before SIGKILL
 */
public record ChildCommand(String name, List<String> command, Path directory, Map<String, String> environment,
		Duration stopGrace) {

	public ChildCommand {
		command = List.copyOf(command);
		environment = (environment != null) ? Map.copyOf(environment) : null;
	}

	/**
	 * {@code command} in the launcher's folder with the launcher's environment, killed at
	 * once on a stop.
	 */
	public static ChildCommand of(String name, List<String> command) {
		return new ChildCommand(name, command, null, null, Duration.ZERO);
	}

	public ChildCommand in(Path directory) {
		return new ChildCommand(this.name, this.command, directory, this.environment, this.stopGrace);
	}

	public ChildCommand withEnvironment(Map<String, String> environment) {
		return new ChildCommand(this.name, this.command, this.directory, environment, this.stopGrace);
	}

	public ChildCommand stoppedWithin(Duration grace) {
		return new ChildCommand(this.name, this.command, this.directory, this.environment, grace);
	}

	/** Starts it, its output going to {@code output} (one per start). */
	public ChildProcess start(ChildOutput output) {
		return ChildProcess.start(this, output);
	}

	@Override
	public String toString() {
		// the environment holds passwords
		return "ChildCommand[" + this.name + ", " + this.command + "]";
	}

}
