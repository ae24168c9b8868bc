package io.storefront.console.settings;

import java.net.http.HttpRequest;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's settings ({@code storefront.console.*}, or {@code STOREFRONT_CONSOLE_*}
 * in the environment). A bad value stops the start with one line naming the setting.
 *
 * @param services what to watch: {@code name=url} pairs, comma-separated; a name may
 * appear once per replica
 * @param pollInterval how often each service is polled, however many people look at the
 * page; from 200 ms to 30 s
 * @param pollTimeout the deadline of one poll (its requests run at once); a poll that
 * misses it counts as no answer. It may exceed the interval: a service's next poll never
 * starts before its last ended
 * @param slowAfter a service that answers later than this is shown as slow
 * @param staleAfter with no answer for this long, a service is stale
 * @param downAfter with no answer for this long, a service is down
 * @param detailsToken sent as {@code Authorization: Bearer} to {@code /health/detailed},
 * for services that run with {@code HEALTH_DETAILS_TOKEN}; empty sends none
 * @param accessToken when set, the page shows only up/down until this token is given
 * (login form, or {@code Authorization: Bearer}); empty leaves the console open, only
 * whitespace is refused
 * @param historyFile where the history and the journal are kept across restarts
 */
@Validated
@ConfigurationProperties(ConsoleSettings.PREFIX)
public record ConsoleSettings(@NotEmpty List<String> services, Duration pollInterval, Duration pollTimeout,
		Duration slowAfter, Duration staleAfter, Duration downAfter, String detailsToken, String accessToken,
		Path historyFile) {

	public static final String PREFIX = "storefront.console";

	static final String DEFAULT_HISTORY_FILE = "storefront-console-history.jsonl";

	private static final Duration SHORTEST_INTERVAL = Duration.ofMillis(200);

	/**
	 * Two beats a minute: a beat up to an interval late is the console running (more than
	 * two intervals between beats is its own absence), and the uptime counts the minutes
	 * holding a sample, so at a longer interval a running console would leave minutes
	 * without one, shown as not watched.
	 */
	private static final Duration LONGEST_INTERVAL = Duration.ofSeconds(30);

	public ConsoleSettings {
		services = (services != null) ? List.copyOf(services) : List.of();
		atLeast("poll-interval", pollInterval, SHORTEST_INTERVAL);
		if (pollInterval.compareTo(LONGEST_INTERVAL) > 0) {
			throw new InvalidConsoleSettingException("poll-interval", "must be at most " + LONGEST_INTERVAL.toSeconds()
					+ " s, so that every minute the uptime counts holds a sample (got " + pollInterval + ")");
		}
		atLeast("poll-timeout", pollTimeout, Duration.ofMillis(100));
		atLeast("slow-after", slowAfter, Duration.ofMillis(1));
		if (staleAfter == null || staleAfter.compareTo(pollInterval) <= 0) {
			throw new InvalidConsoleSettingException("stale-after",
					"must be longer than poll-interval, " + pollInterval + " (got " + staleAfter + ")");
		}
		if (downAfter == null || downAfter.compareTo(staleAfter) <= 0) {
			throw new InvalidConsoleSettingException("down-after",
					"must be longer than stale-after, " + staleAfter + " (got " + downAfter + ")");
		}
		targets(services);
		detailsToken = blankToNull(detailsToken);
		if (detailsToken != null && !fitsAHeader(detailsToken)) {
			throw new InvalidConsoleSettingException("details-token",
					"has a character an HTTP header cannot carry: use printable ASCII");
		}
		if (accessToken != null && !accessToken.isEmpty() && accessToken.isBlank()) {
			// meant as a token, and would leave the console open
			throw new InvalidConsoleSettingException("access-token",
					"is only whitespace; set a token, or leave it empty to keep the console open");
		}
		accessToken = blankToNull(accessToken);
	}

	/**
	 * The settings as bound, with their defaults. The history file is read as the text of
	 * a path, with {@link Path#of}: Spring's own conversion looks a path up as a resource
	 * of the web application first, which made of {@code /} (and of an empty value) the
	 * web server's temporary folder, and a message naming that folder.
	 */
	@ConstructorBinding
	public ConsoleSettings(List<String> services, @DefaultValue("5s") Duration pollInterval,
			@DefaultValue("4s") Duration pollTimeout, @DefaultValue("1s") Duration slowAfter,
			@DefaultValue("15s") Duration staleAfter, @DefaultValue("45s") Duration downAfter, String detailsToken,
			String accessToken, @DefaultValue(DEFAULT_HISTORY_FILE) String historyFile) {
		this(services, pollInterval, pollTimeout, slowAfter, staleAfter, downAfter, detailsToken, accessToken,
				path(historyFile));
	}

	/** The services to watch, in the order given. */
	public List<ServiceTarget> targets() {
		return targets(this.services);
	}

	public Optional<String> details() {
		return Optional.ofNullable(this.detailsToken);
	}

	public Optional<String> access() {
		return Optional.ofNullable(this.accessToken);
	}

	private static List<ServiceTarget> targets(List<String> entries) {
		List<ServiceTarget> targets = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (String entry : entries) {
			if (entry.isBlank()) {
				continue;
			}
			ServiceTarget target;
			try {
				target = ServiceTarget.parse(entry.strip());
			}
			catch (IllegalArgumentException ex) {
				throw InvalidConsoleSettingException.inEntry("services", ex.getMessage());
			}
			if (!seen.add(target.key())) {
				throw InvalidConsoleSettingException.inEntry("services", target.key() + " is listed twice");
			}
			targets.add(target);
		}
		if (targets.isEmpty()) {
			throw new InvalidConsoleSettingException("services",
					"must name at least one service as name=url, e.g. auth-service=http://127.0.0.1:8001");
		}
		return List.copyOf(targets);
	}

	private static Path path(String historyFile) {
		if (historyFile == null || historyFile.isBlank()) {
			throw new InvalidConsoleSettingException("history-file", "must name a file, e.g. " + DEFAULT_HISTORY_FILE);
		}
		try {
			return Path.of(historyFile);
		}
		catch (InvalidPathException ex) {
			throw new InvalidConsoleSettingException("history-file",
					"is not a path this file system takes: " + ex.getReason());
		}
	}

	private static void atLeast(String name, Duration value, Duration minimum) {
		if (value == null || value.compareTo(minimum) < 0) {
			throw new InvalidConsoleSettingException(name,
					"must be at least " + minimum.toMillis() + " ms (got " + value + ")");
		}
	}

	/** By the rule of the HTTP client that sends it, and without printing it. */
	private static boolean fitsAHeader(String token) {
		try {
			HttpRequest.newBuilder().header("Authorization", "Bearer " + token);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	@Override
	public String toString() {
		return "ConsoleSettings[services=" + this.services + ", pollInterval=" + this.pollInterval + ", pollTimeout="
				+ this.pollTimeout + ", staleAfter=" + this.staleAfter + ", downAfter=" + this.downAfter
				+ ", detailsToken=" + ((this.detailsToken != null) ? "(set)" : "(none)") + ", accessToken="
				+ ((this.accessToken != null) ? "(set)" : "(none)") + ", historyFile=" + this.historyFile + "]";
	}

}
