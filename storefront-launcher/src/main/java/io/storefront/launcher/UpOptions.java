package io.storefront.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.storefront.cli.UsageException;
import io.storefront.db.config.DatabaseUrl;
import io.storefront.db.config.KnownServices;
import io.storefront.launcher.console.StatusConsole;
import io.storefront.launcher.ports.PortCheck;
import io.storefront.launcher.services.ListenAddress;

/**
 * What {@code up} was asked to do, read by {@link UpCommandLine} from the options and the
 * environment.
 *
 * @param adminUrl an external PostgreSQL's superuser URL, its password completed from
 * {@code PGPASSWORD} or the password file when it has none; empty means the embedded
 * server
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
public record UpOptions(Optional<DatabaseUrl> adminUrl, int postgresPort, int basePort, Path stateDirectory,
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

	/**
	 * Every port {@code up} listens on, with what listens there.
	 * @throws UsageException when two of them were given the same port
	 */
	public Map<Integer, String> ports() {
		Map<Integer, String> ports = new LinkedHashMap<>();
		for (int i = 0; i < KnownServices.ALL.size(); i++) {
			String service = KnownServices.ALL.get(i).name();
			claim(ports, servicePort(i), service);
			for (int replica = 1; replicated() && replica <= this.replicas; replica++) {
				claim(ports, replicaPort(i, replica), service + "#" + replica);
			}
		}
		if (embedded()) {
			claim(ports, this.postgresPort, PortCheck.POSTGRESQL);
		}
		if (replicated()) {
			claim(ports, this.pgbouncerPort, PortCheck.PGBOUNCER);
		}
		this.consolePort.ifPresent((port) -> claim(ports, port, StatusConsole.NAME));
		return ports;
	}

	private static void claim(Map<Integer, String> ports, int port, String what) {
		String other = ports.putIfAbsent(port, what);
		if (other != null) {
			throw new UsageException("port " + port + " is asked for twice, by " + other + " and " + what
					+ "; choose other ports with --base-port, --pg-port, --console-port or --pgbouncer-port");
		}
	}

	@Override
	public String toString() {
		return "UpOptions[external=" + this.adminUrl.isPresent() + ", postgresPort=" + this.postgresPort + ", basePort="
				+ this.basePort + ", listen=" + this.listen.address() + ", stateDirectory=" + this.stateDirectory
				+ ", aotCache=" + this.aotCache + ", replicas=" + this.replicas + ", consolePort=" + this.consolePort
				+ "]";
	}

}
