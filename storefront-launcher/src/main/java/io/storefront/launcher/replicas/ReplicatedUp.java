package io.storefront.launcher.replicas;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.storefront.cli.envfile.EnvFile;
import io.storefront.cli.envfile.ServiceEnvFiles;
import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.PoolSettings;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.launcher.LauncherException;
import io.storefront.launcher.StopSignal;
import io.storefront.launcher.UpOptions;
import io.storefront.launcher.console.StatusConsole;
import io.storefront.launcher.postgres.DatabaseServer;
import io.storefront.launcher.services.ServiceGroup;
import io.storefront.launcher.services.ServiceLauncher;
import io.storefront.launcher.services.ServiceSpec;
import io.storefront.launcher.state.AdminLogin;
import io.storefront.launcher.state.RunLock;
import io.storefront.launcher.state.StateLayout;

/**
 * {@code up --replicas N} once PostgreSQL is provisioned: PgBouncer in transaction mode
 * in front of it, N replicas of each service through PgBouncer, and HAProxy on the
 * services' usual ports in front of them. While it runs, a replica that exits (a rolling
 * restart's SIGTERM, a crash), or PgBouncer or HAProxy, is started again as an
 * orchestrator would ({@link Supervision}); only the database server's exit stops
 * everything. On a stop everything goes in order: HAProxy, the replicas, PgBouncer
 * (PostgreSQL is the caller's).
 */
public final class ReplicatedUp {

	private final UpOptions options;

	private final PrintStream out;

	private final StopSignal stop;

	private final Map<String, String> inheritedEnvironment;

	private final Path pgbouncerExecutable;

	private final Path haproxyExecutable;

	/**
	 * Fails with one line when HAProxy or PgBouncer is not installed, before anything is
	 * started.
	 */
	public ReplicatedUp(UpOptions options, PrintStream out, StopSignal stop, Map<String, String> inheritedEnvironment) {
		this.options = options;
		this.out = out;
		this.stop = stop;
		this.inheritedEnvironment = inheritedEnvironment;
		List<String> folders = Executables.searchPath(inheritedEnvironment.get("PATH"));
		this.haproxyExecutable = Executables.require(Haproxy.PROGRAM, "haproxy", folders);
		this.pgbouncerExecutable = Executables.require(PgBouncer.PROGRAM, "pgbouncer", folders);
	}

	/**
	 * @param services the services as they would run alone (their ports are HAProxy's)
	 * @param launcher starts the replicas and stops them when this is done
	 * @param console starts the status console watching the replicas it is given, or
	 * answers null when there is to be none
	 * @return the exit status: 0 after a requested stop, 1 when something failed
	 */
	public int run(List<ServiceSpec> services, DatabaseServer database, AdminLogin admin, StateLayout state,
			RunLock lock, ServiceLauncher launcher, Function<List<ServiceSpec>, StatusConsole> console) {
		List<ServiceSpec> replicas = ReplicaSpecs.of(services, this.options, this.inheritedEnvironment, state);
		writeReplicaEnvFiles(replicas, state);
		Map<ServiceIdentity, PoolSettings> pools = new LinkedHashMap<>();
		Map<ServiceIdentity, String> roles = new LinkedHashMap<>();
		for (ServiceSpec replica : replicas) {
			DatabaseSettings settings = settings(replica).database();
			pools.putIfAbsent(replica.service(), settings.pool());
			roles.putIfAbsent(replica.service(), settings.user());
		}
		this.out.println("Starting PgBouncer (transaction mode) on 127.0.0.1:" + this.options.pgbouncerPort() + "…");
		try (PgBouncer pgbouncer = PgBouncer.start(this.pgbouncerExecutable, database.admin(), this.options.replicas(),
				pools, roles, this.options.pgbouncerPort(), state.logsDirectory().resolve("pgbouncer.log"))) {
			pgbouncer.program().record(lock);
			try {
				return runReplicas(replicas, services, pgbouncer, database, admin, state, lock, launcher, console);
			}
			finally {
				this.out.println("PgBouncer stopped.");
			}
		}
	}

	/**
	 * Each service's env file as its replicas run it (through PgBouncer, migrating
	 * straight to the server), so that {@code db check --replicas N} checks the budget at
	 * both levels of the layout that runs, not of a direct one.
	 */
	private static void writeReplicaEnvFiles(List<ServiceSpec> replicas, StateLayout state) {
		for (ServiceSpec replica : replicas) {
			if (replica.replica() == 1) {
				Map<String, String> variables = new LinkedHashMap<>(
						EnvFile.read(ServiceEnvFiles.of(state.envDirectory(), replica.service())));
				for (String name : List.of(StorefrontSettings.DATABASE_URL, StorefrontSettings.DATABASE_POOLER,
						StorefrontSettings.DATABASE_MIGRATION_URL)) {
					variables.put(name, replica.environment().get(name));
				}
				EnvFile.write(ServiceEnvFiles.of(state.replicaEnvDirectory(), replica.service()), variables,
						List.of("Written by ./storefront up --replicas: " + replica.service().name()
								+ " as its replicas run it, through PgBouncer"));
			}
		}
	}

	private int runReplicas(List<ServiceSpec> replicas, List<ServiceSpec> services, PgBouncer pgbouncer,
			DatabaseServer database, AdminLogin admin, StateLayout state, RunLock lock, ServiceLauncher launcher,
			Function<List<ServiceSpec>, StatusConsole> console) {
		return launcher.run(replicas, this::stopped, (group) -> {
			this.out.println("Starting HAProxy on "
					+ String.join(", ", services.stream().map((spec) -> spec.name() + " :" + spec.port()).toList())
					+ "…");
			Path configuration = state.root().resolve("haproxy").resolve("haproxy.cfg");
			try (HelperProgram haproxy = Haproxy.start(this.haproxyExecutable, backends(services, replicas),
					this.options.listen(), configuration, state.logsDirectory().resolve("haproxy.log"))) {
				haproxy.record(lock);
				// closed first, so its journal does not record the replicas going down
				try (StatusConsole statusConsole = console.apply(replicas)) {
					if (this.stop.isRequested()) {
						return stopped();
					}
					ReplicaSummary.print(this.out, database.describe(), pgbouncer, services, replicas,
							Optional.ofNullable(statusConsole).map(StatusConsole::url), admin, state,
							this.inheritedEnvironment);
					return supervise(group, haproxy, pgbouncer.program(), database, lock);
				}
			}
			finally {
				this.out.println("HAProxy stopped.");
			}
		});
	}

	/**
	 * Until a stop is asked for: starts again the replicas, PgBouncer and HAProxy when
	 * they exit, and fails when the database server dies (it holds the data; {@code up}
	 * must start it afresh).
	 */
	private int supervise(ServiceGroup group, HelperProgram haproxy, HelperProgram pgbouncer, DatabaseServer database,
			RunLock lock) {
		List<Restartable> children = new ArrayList<>(List.of(pgbouncer, haproxy));
		group.processes().forEach((process) -> children.add(new GroupReplica(group, process)));
		Supervision supervision = new Supervision(children, this.out, this.options.startTimeout(), Backoff.STANDARD,
				(child) -> child.record(lock));
		while (!this.stop.await(500)) {
			Optional<String> databaseGone = database.exitedUnexpectedly();
			if (databaseGone.isPresent()) {
				System.err.println("storefront up: " + databaseGone.get());
				return 1;
			}
			supervision.check();
		}
		return stopped();
	}

	private static StorefrontSettings settings(ServiceSpec replica) {
		try {
			return StorefrontSettings.read(replica.service(), replica.environment()::get);
		}
		catch (InvalidSettingException ex) {
			throw new LauncherException(replica.label() + ": " + ex.getMessage());
		}
	}

	private static List<Haproxy.Backend> backends(List<ServiceSpec> services, List<ServiceSpec> replicas) {
		List<Haproxy.Backend> backends = new ArrayList<>();
		for (ServiceSpec service : services) {
			backends.add(new Haproxy.Backend(service.name(), service.port(),
					replicas.stream()
						.filter((replica) -> replica.service().equals(service.service()))
						.map(ServiceSpec::port)
						.toList()));
		}
		return backends;
	}

	private int stopped() {
		this.out.println("Stopping (" + this.stop.reason() + "): HAProxy, the services, PgBouncer, then PostgreSQL…");
		return 0;
	}

}
