package io.storefront.deploy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.LifecycleHandler;

/**
 * How long a container's preStop hook pauses before the kubelet sends SIGTERM: the
 * {@code sleep} action, or an {@code exec} that runs {@code sleep N} directly
 * ({@code ["sleep", "5"]}) or as a shell's only command ({@code ["/bin/sh", "-c",
 * "sleep 5"]}), as a cluster older than the {@code sleep} action (Kubernetes 1.30) needs.
 */
final class PreStopPause {

	/**
	 * {@code sleep}'s argument as GNU sleep reads it: a decimal number ({@code 5},
	 * {@code 5.5}, {@code .5}) with a unit suffix or none (seconds).
	 */
	private static final Pattern ARGUMENT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([smhd]?)");

	private static final Map<String, Long> SECONDS_PER_UNIT = Map.of("", 1L, "s", 1L, "m", 60L, "h", 3600L, "d",
			86400L);

	private static final Pattern SHELL_SLEEP = Pattern.compile("\\s*(?:exec\\s+)?sleep\\s+(\\S+)\\s*");

	private static final List<String> SHELLS = List.of("sh", "bash", "ash", "dash");

	private PreStopPause() {
	}

	/**
	 * The pause, zero without a preStop hook or with one that is no sleep.
	 */
	static Duration of(Container container) {
		if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
			return Duration.ZERO;
		}
		LifecycleHandler preStop = container.getLifecycle().getPreStop();
		if (preStop.getSleep() != null) {
			return Duration.ofSeconds(preStop.getSleep().getSeconds());
		}
		return (preStop.getExec() != null) ? exec(preStop.getExec()) : Duration.ZERO;
	}

	private static Duration exec(ExecAction exec) {
		List<String> command = exec.getCommand();
		if (command.size() == 2 && "sleep".equals(program(command.get(0)))) {
			return argument(command.get(1));
		}
		if (command.size() == 3 && SHELLS.contains(program(command.get(0))) && "-c".equals(command.get(1))) {
			Matcher sleep = SHELL_SLEEP.matcher(command.get(2));
			return sleep.matches() ? argument(sleep.group(1)) : Duration.ZERO;
		}
		return Duration.ZERO;
	}

	private static String program(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static Duration argument(String text) {
		Matcher argument = ARGUMENT.matcher(text);
		if (!argument.matches()) {
			return Duration.ZERO;
		}
		BigDecimal seconds = new BigDecimal(argument.group(1))
			.multiply(BigDecimal.valueOf(SECONDS_PER_UNIT.get(argument.group(2))));
		return Duration.ofMillis(seconds.movePointRight(3).longValue());
	}

}
