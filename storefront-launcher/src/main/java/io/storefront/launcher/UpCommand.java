package io.storefront.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.storefront.cli.StateDirectory;
import io.storefront.cli.envfile.EnvFile;
import io.storefront.cli.envfile.ServiceEnvFiles;
import io.storefront.cli.provision.PasswordPolicy;
import io.storefront.cli.provision.ProvisionedService;
import io.storefront.cli.provision.Provisioning;
import io.storefront.cli.provision.UnknownPasswordsException;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.provision.AdminConnection;
import io.storefront.launcher.console.StatusConsole;
import io.storefront.launcher.ports.PortCheck;
import io.storefront.launcher.postgres.DatabaseServer;
import io.storefront.launcher.postgres.EmbeddedServer;
import io.storefront.launcher.postgres.StalePostmaster;
import io.storefront.launcher.replicas.ReplicatedUp;
import io.storefront.launcher.services.AotCache;
import io.storefront.launcher.services.JarSnapshot;
import io.storefront.launcher.services.ServiceEnvironment;
import io.storefront.launcher.services.ServiceJvm;
import io.storefront.launcher.services.ServiceLauncher;
import io.storefront.launcher.services.ServiceSpec;
import io.storefront.launcher.state.AdminLogin;
import io.storefront.launcher.privatefiles.PrivateFolder;
import io.storefront.launcher.state.RunLock;
import io.storefront.launcher.state.StateLayout;

/**
 * {@code up}: lock the state folder, check the ports, start (or reach) PostgreSQL,
 * provision, start the services, wait until they are ready, then run until Ctrl-C /
 * SIGTERM or a service or the embedded PostgreSQL dies, and stop everything in order:
 * services first, then PostgreSQL.
 */
final class UpCommand {

	private final UpOptions options;

	private final PrintStream out;

	private final StopSignal stop;

	private final Map<String, String> inheritedEnvironment;

	UpCommand(UpOptions options, PrintStream out, StopSignal stop, Map<String, String> inheritedEnvironment) {
		this.options = options;
		this.out = out;
		this.stop = stop;
		this.inheritedEnvironment = inheritedEnvironment;
	}

	int run() {
		StateLayout state = new StateLayout(this.options.stateDirectory());
		PrivateFolder.of(state.logsDirectory());
		AdminConnection externalAdmin = this.options.adminUrl().map(AdminConnection::new).orElse(null);
		try (RunLock lock = RunLock.acquire(state.lockFile(), this.out::println)) {
			if (this.options.embedded()) {
				// a server orphaned by a killed run holds our port: stop it before
				// checking the ports
				StalePostmaster.clear(state.postgresData(), this.out::println);
			}
			// checked before anything starts: HAProxy and PgBouncer must be installed
			ReplicatedUp replicated = this.options.replicated()
					? new ReplicatedUp(this.options, this.out, this.stop, this.inheritedEnvironment) : null;
			PortCheck.requireFree(this.options.ports());
			List<Path> jars = serviceJars().stream().map((jar) -> JarSnapshot.of(jar, state.jarsDirectory())).toList();
			// a missing one is said now, not after PostgreSQL and the services started
			Path consoleJar = this.options.consolePort().isPresent()
					? JarSnapshot.of(StatusConsole.jar(projectRoot()), state.jarsDirectory()) : null;
			Optional<? extends DatabaseServer> started = (externalAdmin != null)
					? Optional.of(DatabaseServer.external(externalAdmin)) : EmbeddedServer.start(state,
							this.options.postgresPort(), this.out::println, this.stop::isRequested);
			if (started.isEmpty()) {
				return stopped();
			}
			int status;
			try (DatabaseServer database = started.get()) {
				if (this.stop.isRequested()) {
					return stopped();
				}
				provision(database.admin(), state);
				AdminLogin admin = AdminLogin.loadOrCreate(state.adminEnv());
				List<ServiceSpec> specs = specs(state, jars, admin);
				if (this.options.aotCache()) {
					specs = withStartupCache(specs, state, lock);
					if (this.stop.isRequested()) {
						return stopped();
					}
				}
				ServiceLauncher services = new ServiceLauncher(javaHome(), state.root(), this.out,
						this.options.startTimeout(), this.stop::isRequested, lock::recordService);
				status = (replicated != null)
						? replicated.run(specs, database, admin, state, lock, services,
								(watched) -> startConsole(consoleJar, watched, state, lock))
						: runServices(specs, services, lock, state, database, admin, consoleJar);
			}
			this.out.println(this.options.embedded() ? "PostgreSQL stopped." : "Done.");
			return status;
		}
	}

	/**
	 * The services as they start from their AOT caches, trained first where missing or
	 * out of date.
	 */
	private List<ServiceSpec> withStartupCache(List<ServiceSpec> specs, StateLayout state, RunLock lock) {
		return AotCache
			.forJdk(javaHome(), state.aotDirectory(), state.root(), this.options.startTimeout(), this.out::println,
					this.stop::isRequested)
			.map((cache) -> cache.prepare(specs, lock::recordService))
			.orElse(specs);
	}

	private int runServices(List<ServiceSpec> specs, ServiceLauncher services, RunLock lock, StateLayout state,
			DatabaseServer database, AdminLogin admin, Path consoleJar) {
		return services.run(specs, this::stopped, (group) -> {
			// stopped before the services (closed first), so its journal does not record
			// them going down
			try (StatusConsole console = startConsole(consoleJar, specs, state, lock)) {
				if (this.stop.isRequested()) {
					return stopped();
				}
				Summary.print(this.out, database.describe(), specs,
						Optional.ofNullable(console).map(StatusConsole::url), admin, state.adminEnv(),
						state.envDirectory(), this.inheritedEnvironment);
				while (!this.stop.await(500)) {
					Optional<String> databaseGone = database.exitedUnexpectedly();
					if (databaseGone.isPresent()) {
						System.err.println("storefront up: " + databaseGone.get());
						return 1;
					}
					var dead = group.firstDead();
					if (dead.isPresent()) {
						return dead.get()
							.reportFailure(
									" exited unexpectedly with code " + dead.get().child().exitCode().orElse(-1));
					}
				}
				return stopped();
			}
		});
	}

	/**
	 * The status console watching {@code specs}, or null when {@code --no-console} says
	 * so (and {@code jar} is null).
	 */
	private StatusConsole startConsole(Path jar, List<ServiceSpec> specs, StateLayout state, RunLock lock) {
		if (jar == null) {
			return null;
		}
		StatusConsole console = StatusConsole.start(jar, this.options.consolePort().getAsInt(), specs,
				this.options.listen(), this.inheritedEnvironment, state, javaHome(), this.out,
				this.options.startTimeout(), this.stop::isRequested);
		lock.recordService(StatusConsole.NAME, console.pid());
		return console;
	}

	private int stopped() {
		this.out.println("Stopping (" + this.stop.reason() + "): services first, then PostgreSQL…");
		return 0;
	}

	private void provision(AdminConnection admin, StateLayout state) {
		this.out.println("Provisioning databases and roles at " + admin.server() + "…");
		// the embedded server is ours alone: nobody else relies on PUBLIC's CONNECT to
		// postgres or template1, nor on a password our env files lost. An external
		// server's roles may serve services whose files are elsewhere.
		PasswordPolicy passwords = this.options.embedded() ? PasswordPolicy.KEEP_OR_REPLACE : PasswordPolicy.KEEP;
		List<ProvisionedService> results;
		try {
			results = new Provisioning(admin).run(state.envDirectory(), passwords, this.options.embedded());
		}
		catch (UnknownPasswordsException ex) {
			throw new LauncherException(UnknownPasswordsException.rolesExist(ex.roles()) + " at " + admin.server()
					+ " but " + ex.folder() + " " + ex.folderHolds() + "; nothing was changed. Copy the env files that"
					+ " hold the current passwords there, or give the roles new ones with ./storefront db provision"
					+ " --admin-url URL --out " + ex.folder()
					+ " --rotate (services using the old ones must then be restarted with the new files)");
		}
		for (ProvisionedService result : results) {
			this.out.printf("  %-16s %s%n", result.service().name(), result.describe());
		}
		List<String> stillNamingAPgBouncer = Provisioning.stillNamingAPgBouncer(results);
		if (!stillNamingAPgBouncer.isEmpty()) {
			this.out.println("WARNING: " + String.join(", ", stillNamingAPgBouncer)
					+ " still say DATABASE_POOLER=pgbouncer (and keep their DATABASE_MIGRATION_URL), copied from a"
					+ " provisioning with --pgbouncer or added by hand, while DATABASE_URL names " + admin.server()
					+ " itself: remove those two lines (--replicas N runs the services through a PgBouncer of its"
					+ " own).");
		}
	}

	private List<ServiceSpec> specs(StateLayout state, List<Path> jars, AdminLogin admin) {
		Map<ServiceIdentity, Integer> ports = new LinkedHashMap<>();
		for (int i = 0; i < KnownServices.ALL.size(); i++) {
			ports.put(KnownServices.ALL.get(i), this.options.servicePort(i));
		}
		List<String> jvmOptions = ServiceJvm.options(this.inheritedEnvironment);
		List<ServiceSpec> specs = new ArrayList<>();
		for (int i = 0; i < KnownServices.ALL.size(); i++) {
			ServiceIdentity service = KnownServices.ALL.get(i);
			Path envFile = ServiceEnvFiles.of(state.envDirectory(), service);
			// db check --http finds the service on the port recorded here
			EnvFile.write(envFile, Map.of("PORT", Integer.toString(ports.get(service))), List.of());
			Map<String, String> environment = ServiceEnvironment.of(service, this.inheritedEnvironment,
					EnvFile.read(envFile), ports, this.options.listen(), admin);
			specs.add(new ServiceSpec(service, jars.get(i), jvmOptions, ports.get(service), environment,
					state.serviceLog(service.name())));
		}
		return specs;
	}

	private static Path projectRoot() {
		return StateDirectory.projectRoot()
			.orElseThrow(() -> new LauncherException("cannot find the Storefront checkout this launcher was built in"));
	}

	private static List<Path> serviceJars() {
		Path root = projectRoot();
		List<Path> jars = new ArrayList<>();
		for (ServiceIdentity service : KnownServices.ALL) {
			Path jar = root.resolve(service.name()).resolve("target").resolve(service.name() + ".jar");
			if (!Files.isRegularFile(jar)) {
				throw new LauncherException(root.relativize(jar) + " is missing; build it with ./storefront build");
			}
			jars.add(jar);
		}
		return jars;
	}

	private Path javaHome() {
		String configured = this.inheritedEnvironment.get("JAVA_HOME");
		if (configured != null && Files.isExecutable(Path.of(configured, "bin", "java"))) {
			return Path.of(configured);
		}
		return Path.of(System.getProperty("java.home"));
	}

}
