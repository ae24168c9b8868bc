package io.storefront.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.storefront.cli.Options;
import io.storefront.cli.StateDirectory;
import io.storefront.cli.Terminal;
import io.storefront.cli.UsageException;
import io.storefront.db.config.KnownServices;
import io.storefront.launcher.services.ListenAddress;

/**
 * What {@code up} was asked to do. Each option may also come from an environment
 * variable, so tests and scripts can run an isolated copy beside a developer's own.
 *
 * @param adminUrl an external PostgreSQL's superuser URL; empty means the embedded server
 * @param postgresPort the embedded server's port
 * @param basePort the services listen on {@code basePort + 1}, {@code + 2}, {@code + 3}
 * @param startTimeout how long the services may take to become ready
 * @param aotCache whether the services start from a trained start-up (AOT) cache, on a
 * JDK that has one
 * @param listen the address the services listen on
 * @param replicas how many replicas of each service run; above 1 they run behind HAProxy
 * and PgBouncer
 * @param pgbouncerPort PgBouncer's port when {@code replicas} is above 1
 * @param consolePort the status console's port; empty runs no console
 */
public record UpOptions(Optional<String> adminUrl, int postgresPort, int basePort, Path stateDirectory,
		Duration startTimeout, boolean aotCache, ListenAddress listen, int replicas, int pgbouncerPort,
		OptionalInt consolePort) {

	public static final int DEFAULT_POSTGRES_PORT = 54329;

	public static final int DEFAULT_BASE_PORT = 8000;

	public static final int DEFAULT_START_TIMEOUT = 180;

	public static final int DEFAULT_PGBOUNCER_PORT = 54330;

	/**
	 * Replica {@code r} of the service on {@code base + i} listens on
	 * {@code base + 10 i + r}: one digit each.
	 */
	public static final int MAXIMUM_REPLICAS = 9;

	public static final String USAGE = """
			usage: storefront up [--database-admin-url URL] [--pg-port N] [--base-port N] [--listen ADDRESS] [--state-dir DIR] [--timeout S] [--no-aot-cache] [--replicas N] [--pgbouncer-port N] [--console-port N | --no-console]
			  Starts PostgreSQL 17 (embedded, data kept in .storefront/pgdata), provisions the databases and
			  roles, runs auth (8001), product (8002) and cart (8003) and the status console (8000), and stops
			  it all on Ctrl-C.
			  --database-admin-url URL  use this external PostgreSQL (a superuser URL) instead of the embedded one
			  --pg-port N               embedded PostgreSQL's port (default 54329; env STOREFRONT_PG_PORT)
			  --base-port N             services on N+1, N+2, N+3 (default 8000; env STOREFRONT_BASE_PORT)
			  --listen ADDRESS          the address the services listen on (default 127.0.0.1, this machine only;
			                            0.0.0.0 for every address: /health/detailed is open; env STOREFRONT_LISTEN)
			  --state-dir DIR           where data, env files and the lock live (default .storefront; env STOREFRONT_STATE_DIR)
			  --timeout S               seconds the services may take to become ready, and each start-up cache
			                            training (default 180; env STOREFRONT_START_TIMEOUT)
			  --no-aot-cache            start the services without the start-up cache that is otherwise trained once
			                            per build on Java 25+ (in <state-dir>/aot; env STOREFRONT_AOT_CACHE=off)
			  --replicas N              N replicas of each service (1 to 9, default 1; env STOREFRONT_REPLICAS). Above 1,
			                            HAProxy answers on the services' ports and balances over replica r of each on
			                            base+10+r, base+20+r, base+30+r, all through PgBouncer in transaction mode
			                            (needs Debian's haproxy and pgbouncer packages; see docs/scaling-out.md)
			  --pgbouncer-port N        PgBouncer's port with --replicas above 1 (default 54330; env STOREFRONT_PGBOUNCER_PORT)
			  --console-port N          the status console's port (default: the base port, 8000; env STOREFRONT_CONSOLE_PORT);
			                            its other settings come from STOREFRONT_CONSOLE_* (see docs/console.md)
			  --no-console              run no status console (env STOREFRONT_CONSOLE=off)
			  The services run with -Dspring.aot.enabled=true and -Xms64m -Xmx256m -XX:+UseSerialGC
			  -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError, the last five unless
			  STOREFRONT_SERVICE_JAVA_OPTIONS gives other flags instead.""";

	public static UpOptions parse(List<String> arguments, Terminal terminal) {
		Options options = Options.parse(arguments, Set.of("--no-aot-cache", "--no-console"),
				Set.of("--database-admin-url", "--pg-port", "--base-port", "--listen", "--state-dir", "--timeout",
						"--replicas", "--pgbouncer-port", "--console-port"));
		int postgresPort = port(options, "--pg-port", terminal.variable("STOREFRONT_PG_PORT"), DEFAULT_POSTGRES_PORT,
				0);
		int replicas = replicas(options.value("--replicas").orElse(terminal.variable("STOREFRONT_REPLICAS")));
		int basePort = port(options, "--base-port", terminal.variable("STOREFRONT_BASE_PORT"), DEFAULT_BASE_PORT,
				(replicas > 1) ? 10 * KnownServices.ALL.size() + replicas : 3);
		int pgbouncerPort = port(options, "--pgbouncer-port", terminal.variable("STOREFRONT_PGBOUNCER_PORT"),
				DEFAULT_PGBOUNCER_PORT, 0);
		Path state = options.value("--state-dir")
			.map((dir) -> Path.of(dir).toAbsolutePath().normalize())
			.orElseGet(() -> StateDirectory.resolve(terminal));
		int timeout = options.number("--timeout", startTimeout(terminal.variable("STOREFRONT_START_TIMEOUT")), 1);
		boolean aotCache = !options.flag("--no-aot-cache") && !isOff(terminal.variable("STOREFRONT_AOT_CACHE"));
		ListenAddress listen = listen(options.value("--listen").orElse(terminal.variable("STOREFRONT_LISTEN")));
		boolean console = !options.flag("--no-console") && !isOff(terminal.variable("STOREFRONT_CONSOLE"));
		OptionalInt consolePort = console
				? OptionalInt
					.of(port(options, "--console-port", terminal.variable("STOREFRONT_CONSOLE_PORT"), basePort, 0))
				: OptionalInt.empty();
		return new UpOptions(options.value("--database-admin-url"), postgresPort, basePort, state,
				Duration.ofSeconds(timeout), aotCache, listen, replicas, pgbouncerPort, consolePort);
	}

	private static int replicas(String text) {
		if (text == null) {
			return 1;
		}
		try {
			int replicas = Integer.parseInt(text.trim());
			if (replicas >= 1 && replicas <= MAXIMUM_REPLICAS) {
				return replicas;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException(
				"--replicas must be a whole number from 1 to " + MAXIMUM_REPLICAS + " (got " + text + ")");
	}

	private static int startTimeout(String text) {
		if (text == null) {
			return DEFAULT_START_TIMEOUT;
		}
		try {
			int seconds = Integer.parseInt(text.trim());
			if (seconds >= 1) {
				return seconds;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException(
				"STOREFRONT_START_TIMEOUT must be a whole number of seconds of at least 1 (got " + text + ")");
	}

	private static ListenAddress listen(String text) {
		if (text == null) {
			return ListenAddress.LOOPBACK;
		}
		try {
			return ListenAddress.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException(ex.getMessage());
		}
	}

	/**
	 * {@code off}, {@code false}, {@code no} or {@code 0} (any case) turn a setting off.
	 */
	static boolean isOff(String value) {
		return value != null
				&& Set.of("off", "false", "no", "0").contains(value.strip().toLowerCase(java.util.Locale.ROOT));
	}

	private static int port(Options options, String option, String variable, int fallback, int headroom) {
		String text = options.value(option).orElse(variable);
		if (text == null) {
			return fallback;
		}
		try {
			int port = Integer.parseInt(text.trim());
			if (port >= 1 && port + headroom <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new UsageException(option + " must be a TCP port" + ((headroom > 0) ? " up to " + (65535 - headroom) : "")
				+ " (got " + text + ")");
	}

	public boolean embedded() {
		return this.adminUrl.isEmpty();
	}

	public int servicePort(int index) {
		return this.basePort + index + 1;
	}

	/**
	 * Where replica {@code replica} (1-based) of service {@code index} listens when there
	 * are several.
	 */
	public int replicaPort(int index, int replica) {
		return this.basePort + 10 * (index + 1) + replica;
	}

	public boolean replicated() {
		return this.replicas > 1;
	}

	@Override
	public String toString() {
		return "UpOptions[external=" + this.adminUrl.isPresent() + ", postgresPort=" + this.postgresPort + ", basePort="
				+ this.basePort + ", listen=" + this.listen.address() + ", stateDirectory=" + this.stateDirectory
				+ ", aotCache=" + this.aotCache + ", replicas=" + this.replicas + ", consolePort=" + this.consolePort
				+ "]";
	}

}
