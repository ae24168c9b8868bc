package io.storefront.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.storefront.cli.CliVersion;
import io.storefront.cli.HelpVariables;
import io.storefront.cli.Replicas;
import io.storefront.cli.ServiceWords;
import io.storefront.cli.StateDirectory;
import io.storefront.cli.Terminal;
import io.storefront.cli.UsageException;
import io.storefront.cli.WholeNumber;
import io.storefront.cli.envfile.ServiceEnvFiles;
import io.storefront.cli.provision.AdminPassword;
import io.storefront.db.config.DatabaseUrl;
import io.storefront.db.config.KnownServices;
import io.storefront.launcher.services.ListenAddress;

/**
 * {@code up}'s options as picocli reads them. Each may also come from an environment
 * variable, so tests and scripts can run an isolated copy beside a developer's own; a bad
 * value is one line naming the option, or the variable when that gave it, and quoting the
 * value.
 */
@Command(name = "up", mixinStandardHelpOptions = true, versionProvider = CliVersion.class, synopsisHeading = "usage: ",
		sortOptions = false, descriptionHeading = "%n", optionListHeading = "%n", footerHeading = "%n",
		description = "Starts PostgreSQL 17 (embedded, data kept in .storefront/pgdata), provisions the databases "
				+ "and roles, runs ${bundle:services.ports} and the status console (8000), and "
				+ "stops it all on Ctrl-C.",
		footer = { "The services run with -Dspring.aot.enabled=true and these flags, which",
				"STOREFRONT_SERVICE_JAVA_OPTIONS replaces when set:",
				"  -Xms64m -Xmx256m -XX:+UseSerialGC -XX:-ShrinkHeapInSteps",
				"  -XX:MaxHeapFreeRatio=40 -XX:TrimNativeHeapInterval=2000", "  -XX:+ExitOnOutOfMemoryError", "",
				"Exit status: 0 stopped by Ctrl-C, SIGTERM or SIGHUP; 1 could not start, or a",
				"service or the embedded PostgreSQL died; 2 wrong usage; 4 (./storefront) no JDK",
				"21+ or the build failed." })
final class UpCommandLine implements Callable<Integer> {

	@Option(names = "--database-admin-url", paramLabel = "URL",
			description = "use this external PostgreSQL (a superuser URL) instead of the embedded one; without a "
					+ "password in it, PGPASSWORD or ~/.pgpass (PGPASSFILE) gives it")
	String adminUrl;

	@Option(names = "--pg-port", paramLabel = "N",
			description = "embedded PostgreSQL's port (default 54329; env STOREFRONT_PG_PORT)")
	String postgresPort;

	@Option(names = "--base-port", paramLabel = "N",
			description = "services on ${bundle:services.base-ports} (default 8000; env STOREFRONT_BASE_PORT)")
	String basePort;

	@Option(names = "--listen", paramLabel = "ADDRESS",
			description = "the address the services listen on (default 127.0.0.1, this machine only; 0.0.0.0 for "
					+ "every address: /health/detailed is open; env STOREFRONT_LISTEN)")
	String listen;

	@Option(names = "--state-dir", paramLabel = "DIR",
			description = "where data, env files and the lock live (env STOREFRONT_STATE_DIR;"
					+ " default .storefront)")
	String stateDirectory;

	@Option(names = "--timeout", paramLabel = "S",
			description = "seconds the services may take to become ready, and each start-up cache training "
					+ "(default 180; env STOREFRONT_START_TIMEOUT)")
	String timeout;

	@Option(names = "--no-aot-cache",
			description = "start the services without the start-up cache that is otherwise trained once per build "
					+ "on Java 25+ (in <state-dir>/aot; env STOREFRONT_AOT_CACHE=off)")
	boolean noAotCache;

	@Option(names = "--replicas", paramLabel = "N",
			description = "N replicas of each service (1 to 9, default 1; env STOREFRONT_REPLICAS). Above 1, HAProxy "
					+ "answers on the services' ports and balances over replica r of each on "
					+ "${bundle:services.replica-ports}, all through PgBouncer in transaction mode (needs Debian's haproxy and pgbouncer "
					+ "packages; see docs/scaling-out.md)")
	String replicas;

	@Option(names = "--pgbouncer-port", paramLabel = "N",
			description = "PgBouncer's port with --replicas above 1 (default 54330; env STOREFRONT_PGBOUNCER_PORT)")
	String pgbouncerPort;

	@Option(names = "--console-port", paramLabel = "N",
			description = "the status console's port (default: the base port, 8000; env STOREFRONT_CONSOLE_PORT); its "
					+ "other settings come from STOREFRONT_CONSOLE_* (see docs/console.md)")
	String consolePort;

	@Option(names = "--no-console", description = "run no status console (env STOREFRONT_CONSOLE=off)")
	boolean noConsole;

	private static final Set<String> OFF = Set.of("off", "false", "no", "0");

	private static final Set<String> ON = Set.of("on", "true", "yes", "1");

	private final Terminal terminal;

	private final StopSignal stop;

	UpCommandLine(Terminal terminal, StopSignal stop) {
		this.terminal = terminal;
		this.stop = stop;
	}

	@Override
	public Integer call() {
		return new UpCommand(options(), this.terminal.out(), this.stop, System.getenv()).run();
	}

	/**
	 * What the help texts take: the services with their default ports, and the ports
	 * above the base port that {@link UpOptions#servicePort} and
	 * {@link UpOptions#replicaPort} give them.
	 */
	static HelpVariables helpVariables(ServiceWords services) {
		int count = services.services().size();
		return new HelpVariables(Map.of("services.ports",
				services.join((service) -> ServiceEnvFiles.shortName(service) + " (" + service.defaultPort() + ")",
						" and "),
				"services.base-ports",
				IntStream.rangeClosed(1, count).mapToObj((n) -> "N+" + n).collect(Collectors.joining(", ")),
				"services.replica-ports",
				IntStream.rangeClosed(1, count)
					.mapToObj((n) -> "base+" + 10 * n + "+r")
					.collect(Collectors.joining(", "))));
	}

	/**
	 * What these arguments and the environment ask for.
	 * @throws UsageException naming the option of a value that cannot be used
	 */
	static UpOptions parse(List<String> arguments, Terminal terminal) {
		UpCommandLine command = new UpCommandLine(terminal, new StopSignal());
		new CommandLine(command).parseArgs(arguments.toArray(String[]::new));
		return command.options();
	}

	UpOptions options() {
		int postgres = port("--pg-port", this.postgresPort, "STOREFRONT_PG_PORT", UpOptions.DEFAULT_POSTGRES_PORT, 0);
		String replicasGiven = given("--replicas", this.replicas, "STOREFRONT_REPLICAS");
		int replicaCount = (replicasGiven != null) ? Replicas
			.parse(named("--replicas", this.replicas, "STOREFRONT_REPLICAS"), replicasGiven, UpOptions.MAXIMUM_REPLICAS)
				: 1;
		// Room above the base port for every service's port (base + 1 to base + N) and,
		// with replicas, every replica's: see UpOptions.servicePort and replicaPort.
		int services = KnownServices.ALL.size();
		int base = port("--base-port", this.basePort, "STOREFRONT_BASE_PORT", UpOptions.DEFAULT_BASE_PORT,
				(replicaCount > 1) ? 10 * services + replicaCount : services);
		if (this.pgbouncerPort != null && replicaCount == 1) {
			throw new UsageException("--pgbouncer-port needs --replicas N above 1 (one replica runs no PgBouncer)");
		}
		int pgbouncer = port("--pgbouncer-port", this.pgbouncerPort, "STOREFRONT_PGBOUNCER_PORT",
				UpOptions.DEFAULT_PGBOUNCER_PORT, 0);
		Path state = Optional.ofNullable(given("--state-dir", this.stateDirectory, null))
			.map((dir) -> Path.of(dir).toAbsolutePath().normalize())
			.orElseGet(() -> StateDirectory.resolve(this.terminal));
		boolean aotCache = !this.noAotCache && switchedOn("STOREFRONT_AOT_CACHE");
		if (this.noConsole && this.consolePort != null) {
			throw new UsageException("--console-port and --no-console contradict each other: give one of them");
		}
		boolean console = !this.noConsole && switchedOn("STOREFRONT_CONSOLE");
		OptionalInt consoleAt = console
				? OptionalInt.of(port("--console-port", this.consolePort, "STOREFRONT_CONSOLE_PORT", base, 0))
				: OptionalInt.empty();
		if (this.postgresPort != null && this.adminUrl != null) {
			throw new UsageException("--pg-port is the embedded PostgreSQL's port; with --database-admin-url the"
					+ " server is the one the URL names");
		}
		UpOptions options = new UpOptions(
				Optional.ofNullable(given("--database-admin-url", this.adminUrl, null)).map(this::adminUrl), postgres,
				base, state, Duration.ofSeconds(timeout()), aotCache,
				listen(named("--listen", this.listen, "STOREFRONT_LISTEN"),
						given("--listen", this.listen, "STOREFRONT_LISTEN")),
				replicaCount, pgbouncer, consoleAt);
		options.ports();
		return options;
	}

	/**
	 * What an error about the value names: the option when it was given, else the
	 * variable that stood in for it.
	 */
	private static String named(String option, String value, String variable) {
		return (value == null && variable != null) ? variable : option;
	}

	/**
	 * The option's value, else the variable's; an option given empty is a usage error.
	 */
	private String given(String option, String value, String variable) {
		if (value == null) {
			return (variable != null) ? this.terminal.variable(variable) : null;
		}
		if (value.isBlank()) {
			throw new UsageException(option + " needs a value");
		}
		return value;
	}

	/**
	 * The URL, its password taken from {@code PGPASSWORD} or the password file when it
	 * has none, as {@code db provision} does: it then need not sit in the command line,
	 * which every local user can read for as long as {@code up} runs.
	 */
	private DatabaseUrl adminUrl(String text) {
		return AdminPassword.fromOption("--database-admin-url", text, this.terminal);
	}

	private int timeout() {
		String text = given("--timeout", this.timeout, null);
		String source = "--timeout";
		if (text == null) {
			text = this.terminal.variable("STOREFRONT_START_TIMEOUT");
			source = "STOREFRONT_START_TIMEOUT";
		}
		if (text == null) {
			return UpOptions.DEFAULT_START_TIMEOUT;
		}
		OptionalInt seconds = WholeNumber.parse(text);
		if (seconds.isPresent() && seconds.getAsInt() >= 1) {
			return seconds.getAsInt();
		}
		throw new UsageException(source + " must be a whole number of seconds of at least 1 (got \"" + text + "\")");
	}

	private static ListenAddress listen(String named, String text) {
		if (text == null) {
			return ListenAddress.LOOPBACK;
		}
		try {
			return ListenAddress.parse(named, text);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

	/**
	 * @param headroom how many ports above this one the option's user needs
	 */
	private int port(String option, String value, String variable, int fallback, int headroom) {
		String text = given(option, value, variable);
		if (text == null) {
			return fallback;
		}
		OptionalInt port = WholeNumber.parse(text);
		if (port.isPresent() && port.getAsInt() >= 1 && port.getAsInt() + headroom <= 65535) {
			return port.getAsInt();
		}
		throw new UsageException(named(option, value, variable) + " must be a TCP port"
				+ ((headroom > 0) ? " up to " + (65535 - headroom) : "") + " (got \"" + text + "\")");
	}

	/**
	 * A setting that is on unless its variable says {@code off}, {@code false},
	 * {@code no} or {@code 0} (any case). Any other value is refused rather than read as
	 * on: a {@code STOREFRONT_AOT_CACHE=disabled} that left the cache on would go
	 * unnoticed.
	 */
	private boolean switchedOn(String variable) {
		String value = this.terminal.variable(variable);
		if (value == null || value.isBlank()) {
			return true;
		}
		String word = value.strip().toLowerCase(Locale.ROOT);
		if (OFF.contains(word)) {
			return false;
		}
		if (ON.contains(word)) {
			return true;
		}
		throw new UsageException(variable + " must be on or off (also true/false, yes/no, 1/0; got \"" + value + "\")");
	}

}
