package io.storefront.deploy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.LifecycleHandler;

/**
 * The seconds a container's preStop hook pauses before the kubelet sends SIGTERM: the
 * {@code sleep} action, or an {@code exec} that runs {@code sleep N} directly
 * ({@code ["sleep", "5"]}) or as a shell's only command ({@code ["/bin/sh", "-c",
 * "sleep 5"]}), as a cluster older than the {@code sleep} action (Kubernetes 1.30) needs.
 */
final class PreStopPause {

	/** {@code sleep}'s argument in whole seconds, with the suffix s it takes or none. */
	private static final Pattern SECONDS = Pattern.compile("(\\d+)s?");

	private static final Pattern SHELL_SLEEP = Pattern.compile("\\s*(?:exec\\s+)?sleep\\s+(\\S+)\\s*");

	private static final List<String> SHELLS = List.of("sh", "bash", "ash", "dash");

	private PreStopPause() {
	}

	/**
	 * The seconds of the pause, 0 without a preStop hook or with one that is no sleep.
	 */
	static long seconds(Container container) {
		if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
			return 0;
		}
		LifecycleHandler preStop = container.getLifecycle().getPreStop();
		if (preStop.getSleep() != null) {
			return preStop.getSleep().getSeconds();
		}
		return (preStop.getExec() != null) ? exec(preStop.getExec()) : 0;
	}

	private static long exec(ExecAction exec) {
		List<String> command = exec.getCommand();
		if (command.size() == 2 && "sleep".equals(program(command.get(0)))) {
			return argument(command.get(1));
		}
		if (command.size() == 3 && SHELLS.contains(program(command.get(0))) && "-c".equals(command.get(1))) {
			Matcher sleep = SHELL_SLEEP.matcher(command.get(2));
			return sleep.matches() ? argument(sleep.group(1)) : 0;
		}
		return 0;
	}

	private static String program(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static long argument(String text) {
		Matcher seconds = SECONDS.matcher(text);
		return seconds.matches() ? Long.parseLong(seconds.group(1)) : 0;
	}

}
