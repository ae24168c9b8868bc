package io.storefront.cli.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.storefront.cli.CliVersion;
import io.storefront.cli.ExitStatus;
import io.storefront.cli.FolderOption;
import io.storefront.cli.Replicas;
import io.storefront.cli.ServiceWords;
import io.storefront.cli.StateDirectory;
import io.storefront.cli.Terminal;
import io.storefront.cli.UsageException;
import io.storefront.cli.WholeNumber;
import io.storefront.cli.pgbouncer.EarlierPgBouncer;
import io.storefront.cli.pgbouncer.PgBouncerConfig;
import io.storefront.cli.pgbouncer.PgBouncerProvisioning;
import io.storefront.cli.pgbouncer.PgBouncerProvisioning.PgBouncerFiles;
import io.storefront.cli.pgbouncer.PgBouncerSizing;
import io.storefront.db.config.DatabasePooler;
import io.storefront.db.config.DatabaseUrl;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.PoolSettings;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.provision.AdminConnection;

/**
 * {@code db provision --admin-url URL [--out DIR] [--format env|kubernetes] [--service-host HOST[:PORT]]
 * [--migration-host HOST[:PORT]] [--rotate] [--revoke-public-connect] [--pgbouncer DIR [--pgbouncer-port PORT]
 * [--replicas N]]}.
 */
@Command(name = "provision", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
		synopsisHeading = "usage: ", sortOptions = false, descriptionHeading = "%n",
		description = "Creates ${bundle:services.databases} with one least-privilege role each (idempotent) "
				+ "and writes ${bundle:services.env-files} (mode 600) holding each DATABASE_URL. The "
				+ "admin password may also come from PGPASSWORD or ~/.pgpass (PGPASSFILE), as for psql.",
		optionListHeading = "%n", footerHeading = "%n", footer = ExitStatus.PROVISION_HELP)
public final class ProvisionCommand implements Callable<Integer> {

	@Option(names = "--admin-url", paramLabel = "URL", required = true,
			description = "a superuser login, e.g. postgresql://postgres@127.0.0.1:5432/postgres")
	String adminUrl;

	@Option(names = "--out", paramLabel = "DIR",
			description = "where the files go (default: $STOREFRONT_STATE_DIR/env, else .storefront/env of this checkout)")
	Path out;

	@Option(names = "--format", paramLabel = "env|kubernetes", defaultValue = "env",
			description = "kubernetes: write Kubernetes Secrets instead (auth-database.yaml, …: Secret "
					+ "auth-service-database, …, key DATABASE_URL), as deploy/kubernetes expects")
	String format;

	@Option(names = "--service-host", paramLabel = "HOST[:PORT]",
			description = "the host the services reach the server at, if not the admin URL's; {service} stands for "
					+ "${bundle:services.names} (e.g. {service}-db-pooler)")
	String serviceHost;

	@Option(names = "--migration-host", paramLabel = "HOST[:PORT]",
			description = "PostgreSQL itself when the services reach it through a PgBouncer: written as "
					+ "DATABASE_MIGRATION_URL, same login and {service} (e.g. storefront-pg-rw); needs --format "
					+ "kubernetes or --pgbouncer")
	String migrationHost;

	@Option(names = "--rotate",
			description = "give every role a new password (default: keep those in the files, and refuse when a "
					+ "role exists but --out holds no password for it, or one the server no longer takes)")
	boolean rotate;

	@Option(names = "--revoke-public-connect",
			description = "also revoke CONNECT on postgres and template1 from PUBLIC, so the service roles cannot "
					+ "open them; other non-superuser roles of the server then need CONNECT granted by name "
					+ "(default: leave them)")
	boolean revokePublicConnect;

	@Option(names = "--pgbouncer", paramLabel = "DIR",
			description = "also write a PgBouncer (transaction mode) for ${bundle:services.databases} in DIR: pgbouncer.ini, "
					+ "userlist.txt (the roles' SCRAM verifiers) and pgbouncer-admin.pgpass, mode 600; the env "
					+ "files then connect through it (DATABASE_POOLER=pgbouncer) and migrate straight to the "
					+ "server")
	Path pgbouncer;

	@Option(names = "--pgbouncer-port", paramLabel = "PORT",
			description = "PgBouncer's port on 127.0.0.1 (default: DIR/pgbouncer.ini's, else 6432)")
	String pgbouncerPort;

	@Option(names = "--replicas", paramLabel = "N",
			description = "instances of each service PgBouncer must allow (1-1000; default: DIR/pgbouncer.ini's, else 1)")
	String replicas;

	private final Terminal terminal;

	public ProvisionCommand(Terminal terminal) {
		this.terminal = terminal;
	}

	@Override
	public Integer call() {
		if (this.adminUrl == null || this.adminUrl.isBlank()) {
			throw new UsageException("--admin-url is required");
		}
		AdminConnection admin = new AdminConnection(
				AdminPassword.fromOption("--admin-url", this.adminUrl, this.terminal));
		Path out = Optional.ofNullable(FolderOption.absolute("--out", this.out))
			.orElseGet(() -> StateDirectory.envDirectory(this.terminal));
		ProvisionOutput output = ProvisionOutput.named(this.format);
		ServiceHost serviceHost = (this.serviceHost != null) ? ServiceHost.parse("--service-host", this.serviceHost)
				: null;
		ServiceHost migrationHost = (this.migrationHost != null)
				? ServiceHost.parse("--migration-host", this.migrationHost) : null;
		Path pgbouncer = FolderOption.absolute("--pgbouncer", this.pgbouncer);
		if (pgbouncer == null) {
			if (this.pgbouncerPort != null) {
				throw new UsageException("--pgbouncer-port needs --pgbouncer DIR");
			}
			if (this.replicas != null) {
				throw new UsageException("--replicas needs --pgbouncer DIR");
			}
		}
		else if (output instanceof KubernetesSecrets) {
			throw new UsageException(
					"--pgbouncer writes env files; on Kubernetes the prod overlay's Poolers take its place");
		}
		EarlierPgBouncer earlier = (pgbouncer != null) ? EarlierPgBouncer.in(pgbouncer) : EarlierPgBouncer.NONE;
		int pgbouncerPort = (this.pgbouncerPort != null) ? port("--pgbouncer-port", this.pgbouncerPort)
				: earlier.port().orElse(PgBouncerProvisioning.DEFAULT_PORT);
		int replicas = (this.replicas != null) ? Replicas.parse(this.replicas) : earlier.replicas().orElse(1);
		if (migrationHost != null && !(output instanceof KubernetesSecrets) && pgbouncer == null) {
			// an env file keeps keys it is not given: a migration URL left there would
			// keep an old password
			throw new UsageException("--migration-host needs --format kubernetes or --pgbouncer");
		}

		this.terminal.out()
			.println("Provisioning PostgreSQL at " + admin.server() + " as "
					+ ((admin.url().user() != null) ? admin.url().user() : "the default user")
					+ (this.rotate ? " (rotating passwords)" : ""));
		Provisioning provisioning = new Provisioning(admin);
		Map<ServiceIdentity, PoolSettings> pools = null;
		if (pgbouncer != null) {
			// Before the env files are switched to a PgBouncer whose limits the server
			// cannot hold or that could not be written. The preflight first, so that a
			// login that fails is told as provisioning tells it; the write check last, as
			// it makes PgBouncer's folder.
			AdminPreflight.check(admin);
			pools = pools(output, out);
			PgBouncerProvisioning.size(admin, pools.values(), replicas);
			Provisioning.requireWritable(PgBouncerProvisioning.files(pgbouncer));
		}
		List<ProvisionedService> results = provisioning.run(out,
				this.rotate ? PasswordPolicy.ROTATE : PasswordPolicy.KEEP, this.revokePublicConnect, output,
				serviceHost, migrationHost, (pgbouncer != null) ? pgbouncerPort : null);
		for (ProvisionedService result : results) {
			this.terminal.out().printf("  %-16s %s%n", result.service().name(), result.describe());
		}
		this.terminal.out().println(publicConnect(provisioning));
		List<String> withheld = provisioning.withheldParameters();
		if (!withheld.isEmpty()) {
			this.terminal.out()
				.println("Kept out of the services' URLs (the administrator's own): " + String.join(", ", withheld)
						+ ".");
		}
		this.terminal.out()
			.println(output.describe() + " (mode 600): "
					+ String.join(", ", results.stream().map((result) -> result.envFile().toString()).toList()));
		if (pgbouncer == null && serviceHost == null) {
			warnOfAPgBouncerLeftBehind(output, results, admin.server());
		}
		if (this.rotate && pgbouncer == null) {
			// The connections the services hold stay open, but every new one is refused.
			this.terminal.out()
				.println("Services running with the old passwords open no new connections: restart them with the new"
						+ " files now (docs/operations.md, \"Rotating the passwords\").");
		}
		if (pgbouncer != null) {
			writePgBouncer(admin, pgbouncer, pgbouncerPort, replicas, pools, results, this.rotate);
		}
		// After the work: a run that fails says why in one line
		warnOfAPasswordInTheCommandLine();
		return ExitStatus.OK;
	}

	/**
	 * Every user of the machine can read a command's arguments while it runs ({@code ps},
	 * {@code /proc/<pid>/cmdline}).
	 */
	private void warnOfAPasswordInTheCommandLine() {
		if (DatabaseUrl.parse("--admin-url", this.adminUrl).password() != null) {
			this.terminal.err()
				.println("WARNING: --admin-url holds a password, which other users of this machine can read (ps) "
						+ "while this runs; leave it out and set PGPASSWORD or a line of ~/.pgpass (PGPASSFILE) instead");
		}
	}

	/** See {@link Provisioning#stillNamingAPgBouncer}. */
	private void warnOfAPgBouncerLeftBehind(ProvisionOutput output, List<ProvisionedService> results, String server) {
		List<String> files = Provisioning.stillNamingAPgBouncer(output, results);
		if (!files.isEmpty()) {
			this.terminal.err()
				.println("WARNING: " + String.join(", ", files) + " still say DATABASE_POOLER=pgbouncer (and keep their"
						+ " DATABASE_MIGRATION_URL), from an earlier run with --pgbouncer or added by hand, while"
						+ " DATABASE_URL now names " + server + " itself: run again with --pgbouncer DIR to keep the"
						+ " PgBouncer, or remove those two lines.");
		}
	}

	private String publicConnect(Provisioning provisioning) {
		if (this.revokePublicConnect) {
			List<String> stillOpen = provisioning.otherDatabasesOpenToPublic();
			String revoked = "CONNECT revoked from PUBLIC on the services' databases, postgres and template1; ";
			if (stillOpen.isEmpty()) {
				return revoked + "no other database grants it to PUBLIC, so each role may connect to its own"
						+ " database only.";
			}
			return revoked + String.join(", ", stillOpen) + ((stillOpen.size() == 1) ? " still grants" : " still grant")
					+ " it to PUBLIC, so the services' roles may connect there too (REVOKE CONNECT ON DATABASE … FROM"
					+ " PUBLIC closes it; db check reports it).";
		}
		List<String> open = provisioning.sharedDatabasesOpenToPublic();
		if (open.isEmpty()) {
			return "CONNECT revoked from PUBLIC on the services' databases; postgres and template1 were closed to"
					+ " PUBLIC already, so each role may connect to its own database only.";
		}
		return "CONNECT revoked from PUBLIC on the services' databases; " + String.join(" and ", open)
				+ ((open.size() == 1) ? " keeps" : " keep")
				+ " PUBLIC's CONNECT (--revoke-public-connect takes it away; db check reports it).";
	}

	/**
	 * Each service's pool settings as its env file in {@code folder} holds them
	 * (provisioning sets only the URLs), the defaults where there is none yet.
	 */
	private static Map<ServiceIdentity, PoolSettings> pools(ProvisionOutput output, Path folder) {
		Map<ServiceIdentity, PoolSettings> pools = new LinkedHashMap<>();
		for (ServiceIdentity service : KnownServices.ALL) {
			Map<String, String> variables = output.read(output.file(folder, service));
			pools.put(service, StorefrontSettings.read(service, variables::get).database().pool());
		}
		return pools;
	}

	private void writePgBouncer(AdminConnection admin, Path folder, int port, int replicas,
			Map<ServiceIdentity, PoolSettings> pools, List<ProvisionedService> results, boolean rotate) {
		Map<ServiceIdentity, String> roles = new LinkedHashMap<>();
		for (ProvisionedService result : results) {
			roles.put(result.service(), result.role());
		}
		boolean rewritten = Files.exists(folder.resolve(PgBouncerProvisioning.INI));
		PgBouncerFiles files = PgBouncerProvisioning.write(admin, folder, port, replicas, pools, roles, rotate);
		PgBouncerSizing sizing = files.sizing();
		this.terminal.out()
			.println("PgBouncer (mode 600): " + files.ini() + ", " + files.authFile() + ", " + files.adminPassFile());
		this.terminal.out()
			.println("  listens on " + PgBouncerConfig.LISTEN_ADDRESS + ":" + port + "; " + sizing.replicas()
					+ " replica(s): max_client_conn " + sizing.maxClientConn() + " (clients " + sizing.clients() + " + "
					+ PgBouncerSizing.OPERATOR_CLIENTS + "), default_pool_size " + sizing.poolSize()
					+ " per database; server connections " + sizing.poolSize() + " x " + sizing.databases() + " + "
					+ sizing.directConnections() + " migrations = " + sizing.serverConnections() + " of "
					+ sizing.usable() + " usable");
		this.terminal.out().println(startHint(files));
		if (rewritten) {
			this.terminal.out().println(reloadHint(files, rotate));
		}
	}

	/** PgBouncer refuses to run as root, and reads its files as the user it runs as. */
	private static String startHint(PgBouncerFiles files) {
		String owner;
		try {
			owner = Files.getOwner(files.ini()).getName();
		}
		catch (IOException | UnsupportedOperationException ex) {
			owner = null;
		}
		if ("root".equals(owner)) {
			Path folder = files.ini().getParent();
			return "  start it as another user than root, who owns its files: chown -R postgres: " + folder
					+ " && runuser -u postgres -- pgbouncer " + files.ini();
		}
		if (owner != null && "root".equals(System.getProperty("user.name"))) {
			return "  start it as the files' owner (not root): runuser -u " + owner + " -- pgbouncer " + files.ini();
		}
		return "  start it as the files' owner (not root): pgbouncer " + files.ini();
	}

	/**
	 * A PgBouncer running from the old files keeps their verifiers and limits until it
	 * reloads; after a rotation its console no longer takes the admin password in the
	 * files, so only the signal is left.
	 */
	private static String reloadHint(PgBouncerFiles files, boolean rotate) {
		if (rotate) {
			return "  a PgBouncer already running from these files still takes the old passwords: reload it with"
					+ " kill -HUP <its PID> (its console's RELOAD wants the old admin password) or restart it, then"
					+ " restart " + ServiceWords.KNOWN.names(" and ")
					+ " with their new env files at once: until then, each new"
					+ " server login fails (docs/operations.md, \"Rotating the passwords\")";
		}
		return "  a PgBouncer already running from these files reads them on RELOAD: PGPASSFILE="
				+ files.adminPassFile() + " psql -h " + PgBouncerConfig.LISTEN_ADDRESS + " -p " + files.port() + " -U "
				+ PgBouncerProvisioning.ADMIN_USER + " pgbouncer -c RELOAD";
	}

	/**
	 * Read here rather than by picocli, whose words for a value that is not a number
	 * ("'abc' is not an int") are not the ones every other option's error uses.
	 */
	private static int port(String option, String text) {
		int port = WholeNumber.parse(text).orElse(0);
		if (port < 1 || port > 65535) {
			throw new UsageException(option + " must be a port from 1 to 65535 (got \"" + text + "\")");
		}
		return port;
	}

}
