package io.storefront.deploy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;

/**
 * How long a container's preStop hook pauses before the kubelet sends SIGTERM: the
 * {@code sleep} action, or an {@code exec} that runs {@code sleep} directly
 * ({@code ["sleep", "5"]}) or as a shell's only command ({@code ["/bin/sh", "-c",
 * "sleep 5"]}), as a cluster older than the {@code sleep} action (Kubernetes 1.30) needs.
 * <p>
 * The {@code sleep} may be GNU coreutils' (the default image is Ubuntu) or busybox's (an
 * Alpine image): only what both read alike is read, and a sleep read otherwise is refused
 * rather than taken for no pause.
 */
final class PreStopPause {

	/**
	 * An argument both sleeps read alike: a decimal number ({@code 5}, {@code 5.5},
	 * {@code .5}) with the suffix s, m, h or d, or none (seconds). Several are added up.
	 * GNU's alone also reads exponents, hexadecimal and a sign, which busybox's refuses.
	 */
	private static final Pattern ARGUMENT = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([smhd]?)");

	/** GNU's infinity, which busybox's reads too (only first, and only recent ones). */
	private static final Pattern FOR_EVER = Pattern.compile("\\+?inf.*", Pattern.CASE_INSENSITIVE);

	private static final Map<String, Long> SECONDS_PER_UNIT = Map.of("", 1L, "s", 1L, "m", 60L, "h", 3600L, "d",
			86400L);

	private static final List<String> SHELLS = List.of("sh", "bash", "ash", "dash");

	/**
	 * The longest pause counted: in milliseconds it fits a {@code long}, and the checks
	 * can add the drain and the shutdown to it without overflow.
	 */
	private static final BigDecimal LONGEST_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE / 1000);

	private PreStopPause() {
	}

	/**
	 * The pause, zero without a preStop hook or with one that runs no sleep.
	 * @throws IllegalStateException for a sleep these checks do not read as every image's
	 * {@code sleep} would
	 */
	static Duration of(Container container) {
		if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
			return Duration.ZERO;
		}
		LifecycleHandler preStop = container.getLifecycle().getPreStop();
		if (preStop.getSleep() != null) {
			long seconds = preStop.getSleep().getSeconds();
			return counted(BigDecimal.valueOf(seconds), container.getName() + "'s preStop sleep of " + seconds + " s");
		}
		if (preStop.getExec() == null) {
			return Duration.ZERO;
		}
		List<String> command = preStop.getExec().getCommand();
		String hook = container.getName() + "'s preStop " + command;
		List<String> sleep = sleepRun(command);
		if (sleep.isEmpty()) {
			if (command.stream().flatMap((part) -> words(part).stream()).anyMatch(PreStopPause::isSleep)) {
				throw notUnderstood(hook, "a sleep inside a longer command; write [\"sleep\", \"5\"] or"
						+ " [\"/bin/sh\", \"-c\", \"sleep 5\"]");
			}
			return Duration.ZERO;
		}
		return pause(sleep.subList(1, sleep.size()), hook);
	}

	/**
	 * The sleep the command runs, program first, directly or as a shell's only command;
	 * empty when it runs none so.
	 */
	private static List<String> sleepRun(List<String> command) {
		List<String> run = command;
		if (command.size() == 3 && SHELLS.contains(program(command.get(0))) && "-c".equals(command.get(1))) {
			run = words(command.get(2));
			if (!run.isEmpty() && run.get(0).equals("exec")) {
				run = run.subList(1, run.size());
			}
		}
		return (!run.isEmpty() && isSleep(run.get(0))) ? run : List.of();
	}

	private static List<String> words(String script) {
		String trimmed = script.strip();
		return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
	}

	private static boolean isSleep(String word) {
		return "sleep".equals(program(word));
	}

	private static String program(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static Duration pause(List<String> arguments, String hook) {
		if (arguments.isEmpty()) {
			throw notUnderstood(hook, "sleep without an operand fails at once");
		}
		BigDecimal seconds = BigDecimal.ZERO;
		for (String argument : arguments) {
			seconds = seconds.add(seconds(argument, hook));
		}
		return counted(seconds, hook);
	}

	private static Duration counted(BigDecimal seconds, String hook) {
		if (seconds.compareTo(LONGEST_SECONDS) > 0) {
			throw notUnderstood(hook, "a pause over " + LONGEST_SECONDS + " s (the most the checks count) is one the"
					+ " kubelet would cut at the grace period, leaving the service 2 s after SIGTERM");
		}
		return Duration.ofMillis(seconds.movePointRight(3).toBigInteger().longValueExact());
	}

	private static BigDecimal seconds(String argument, String hook) {
		Matcher number = ARGUMENT.matcher(argument);
		if (number.matches()) {
			return new BigDecimal(number.group(1)).multiply(BigDecimal.valueOf(SECONDS_PER_UNIT.get(number.group(2))));
		}
		if (FOR_EVER.matcher(argument).matches()) {
			throw notUnderstood(hook, argument + " pauses for ever: the kubelet would cut the hook at the grace period"
					+ " and leave the service 2 s after SIGTERM");
		}
		throw notUnderstood(hook, argument + " is read differently by GNU and busybox sleep, or by neither; write a"
				+ " decimal number with the suffix s, m, h or d, or none");
	}

	private static IllegalStateException notUnderstood(String hook, String reason) {
		return new IllegalStateException(hook + " is not understood by the checks: " + reason);
	}

}
