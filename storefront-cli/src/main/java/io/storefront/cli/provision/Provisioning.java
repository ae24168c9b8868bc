package io.storefront.cli.provision;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import io.storefront.cli.CommandFailedException;
import io.storefront.cli.envfile.EnvFile;
import io.storefront.cli.pgbouncer.PgBouncerConfig;
import io.storefront.db.config.DatabasePooler;
import io.storefront.db.config.DatabaseUrl;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.pool.SqlErrors;
import io.storefront.db.provision.AdminConnection;
import io.storefront.db.provision.Provisioner;
import io.storefront.db.provision.ServiceAccount;

/**
 * Provisions every service's database and role through an admin connection and writes
 * each service's {@code DATABASE_URL} to its env file or Kubernetes Secret (mode 600),
 * keeping the passwords already there unless told to rotate them. Shared by
 * {@code db provision} and {@code up}.
 */
public final class Provisioning {

	private final AdminConnection admin;

	public Provisioning(AdminConnection admin) {
		this.admin = admin;
	}

	/** Env files holding URLs to the admin URL's host and port. */
	public List<ProvisionedService> run(Path envDirectory, PasswordPolicy passwords, boolean revokePublicConnect) {
		return run(envDirectory, passwords, revokePublicConnect, new EnvFileOutput(), null, null);
	}

	/**
	 * @param passwords which passwords the roles get; with {@link PasswordPolicy#KEEP} an
	 * existing role whose current password is in no file of {@code envDirectory} fails
	 * the run ({@link UnknownPasswordsException}) before anything is changed
	 * @param revokePublicConnect also take {@code CONNECT} on {@code postgres} and
	 * {@code template1} away from {@code PUBLIC} (see
	 * {@link Provisioner#revokePublicConnectOnSharedDatabases()})
	 * @param output the kind of file written per service
	 * @param serviceHost {@code HOST[:PORT]} the services reach the server at,
	 * {@code {service}} standing for {@code auth}, {@code product}, {@code cart};
	 * {@code null} for the admin URL's
	 * @param migrationHost {@code HOST[:PORT]} of PostgreSQL itself when
	 * {@code serviceHost} is a pooler: written as {@code DATABASE_MIGRATION_URL}, the
	 * same login; {@code null} for none
	 */
	public List<ProvisionedService> run(Path envDirectory, PasswordPolicy passwords, boolean revokePublicConnect,
			ProvisionOutput output, ServiceHost serviceHost, ServiceHost migrationHost) {
		return run(envDirectory, passwords, revokePublicConnect, output, serviceHost, migrationHost, null);
	}

	/**
	 * As above; with {@code pgbouncerPort} (env files only) each env file's
	 * {@code DATABASE_URL} goes through a PgBouncer on that port of 127.0.0.1
	 * ({@code DATABASE_POOLER=pgbouncer}) and its {@code DATABASE_MIGRATION_URL} straight
	 * to the server without a login (the service's own applies), so a later
	 * {@code --rotate} cannot leave an old password behind in it.
	 */
	public List<ProvisionedService> run(Path envDirectory, PasswordPolicy passwords, boolean revokePublicConnect,
			ProvisionOutput output, ServiceHost serviceHost, ServiceHost migrationHost, Integer pgbouncerPort) {
		AdminPreflight.check(this.admin);
		List<ServiceIdentity> services = KnownServices.ALL;
		boolean rotate = passwords == PasswordPolicy.ROTATE;
		Map<String, String> known = rotate ? Map.of() : KnownPasswords.read(envDirectory, services, output);
		Provisioner provisioner = new Provisioner(this.admin);
		if (passwords == PasswordPolicy.KEEP) {
			requireKnownPasswords(provisioner, services, known, envDirectory);
		}
		// Before any password changes on the server: a new one that cannot be written
		// down would lock the service out.
		requireWritable(services.stream().map((service) -> output.file(envDirectory, service)).toList());
		List<ServiceAccount> accounts;
		try {
			// Before provisioning, which changes the passwords last of all.
			if (revokePublicConnect) {
				provisioner.revokePublicConnectOnSharedDatabases();
			}
			accounts = provisioner.provision(services, known, rotate);
		}
		catch (SQLException ex) {
			throw new CommandFailedException(describeFailure(ex));
		}
		List<ProvisionedService> results = new ArrayList<>();
		for (ServiceAccount account : accounts) {
			Path file = output.file(envDirectory, account.service());
			write(output, file, account, serviceHost, migrationHost, pgbouncerPort);
			results.add(new ProvisionedService(account.service(), account.service().databaseName(),
					account.databaseCreated(), account.role(), account.roleCreated(), passwordOutcome(account, rotate),
					file, account.missingExtensions()));
		}
		return results;
	}

	/**
	 * The env files among {@code results} that still say
	 * {@code DATABASE_POOLER=pgbouncer}: an env file keeps every variable it is not
	 * given, so one from an earlier run with {@code --pgbouncer} (or one edited by hand)
	 * keeps its {@code DATABASE_POOLER} and {@code DATABASE_MIGRATION_URL} while its
	 * {@code DATABASE_URL} now names the server itself. The service would then take the
	 * server for a PgBouncer, and {@code db check} would look for one.
	 */
	public static List<String> stillNamingAPgBouncer(List<ProvisionedService> results) {
		return stillNamingAPgBouncer(new EnvFileOutput(), results);
	}

	/** As above, for the files {@code output} wrote. */
	public static List<String> stillNamingAPgBouncer(ProvisionOutput output, List<ProvisionedService> results) {
		return results.stream()
			.map(ProvisionedService::envFile)
			.filter((file) -> DatabasePooler.PGBOUNCER.value()
				.equals(output.read(file).get(StorefrontSettings.DATABASE_POOLER)))
			.map((file) -> file.getFileName().toString())
			.toList();
	}

	/**
	 * Fails as writing would when one of {@code files} cannot be written, creating their
	 * folders: to be called before anything depends on the writes succeeding.
	 */
	public static void requireWritable(List<Path> files) {
		for (Path file : files) {
			try {
				EnvFile.requireWritable(file);
			}
			catch (UncheckedIOException ex) {
				throw new CommandFailedException(ex.getMessage());
			}
		}
	}

	/**
	 * Fails when a role exists and {@code known} has no password for it, or one the
	 * server no longer takes: setting a new one, or that one again, would lock out the
	 * services that use the server's.
	 */
	private void requireKnownPasswords(Provisioner provisioner, List<ServiceIdentity> services,
			Map<String, String> known, Path envDirectory) {
		List<String> unknown;
		List<String> another;
		try {
			unknown = provisioner.existingRoles(services).stream().filter((role) -> !known.containsKey(role)).toList();
			another = unknown.isEmpty() ? provisioner.rolesWithAnotherPassword(services, known) : List.of();
		}
		catch (SQLException ex) {
			throw new CommandFailedException(describeFailure(ex));
		}
		if (!unknown.isEmpty()) {
			throw new UnknownPasswordsException(this.admin.server(), unknown, UnknownPasswordsException.Holding.NONE,
					envDirectory);
		}
		if (!another.isEmpty()) {
			throw new UnknownPasswordsException(this.admin.server(), another, UnknownPasswordsException.Holding.ANOTHER,
					envDirectory);
		}
	}

	private void write(ProvisionOutput output, Path file, ServiceAccount account, ServiceHost serviceHost,
			ServiceHost migrationHost, Integer pgbouncerPort) {
		Map<String, String> urls = new LinkedHashMap<>();
		if (pgbouncerPort != null) {
			ServiceHost pgbouncer = (serviceHost != null) ? serviceHost
					: new ServiceHost(PgBouncerConfig.LISTEN_ADDRESS, OptionalInt.of(pgbouncerPort));
			urls.put(StorefrontSettings.DATABASE_URL, serviceUrl(account, pgbouncer));
			urls.put(StorefrontSettings.DATABASE_POOLER, DatabasePooler.PGBOUNCER.value());
			urls.put(StorefrontSettings.DATABASE_MIGRATION_URL, directUrlWithoutLogin(account, migrationHost));
		}
		else {
			urls.put(StorefrontSettings.DATABASE_URL, serviceUrl(account, serviceHost));
			if (migrationHost != null) {
				urls.put(StorefrontSettings.DATABASE_MIGRATION_URL, serviceUrl(account, migrationHost));
			}
		}
		String written = OffsetDateTime.now(ZoneOffset.UTC)
			.truncatedTo(ChronoUnit.SECONDS)
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		try {
			output.write(file, account.service(), urls, written);
		}
		catch (UncheckedIOException ex) {
			throw new CommandFailedException(ex.getMessage());
		}
	}

	/**
	 * The account's URL at {@code host} ({@code null}: the admin URL's host and port),
	 * with the inherited parameters.
	 */
	private String serviceUrl(ServiceAccount account, ServiceHost host) {
		DatabaseUrl url = this.admin.url();
		String name = (host != null) ? host.host(account.service()) : url.host();
		int port = (host != null) ? host.port().orElse(url.port()) : url.port();
		return account.databaseUrl(name, port) + query(ServiceUrlParameters.inherited(url.parameters()));
	}

	/**
	 * PostgreSQL itself ({@code host}, else the admin URL's host and port), the service's
	 * login left out.
	 */
	private String directUrlWithoutLogin(ServiceAccount account, ServiceHost host) {
		DatabaseUrl url = this.admin.url();
		String name = (host != null) ? host.host(account.service()) : url.host();
		int port = (host != null) ? host.port().orElse(url.port()) : url.port();
		return "postgresql://" + name + ":" + port + "/" + encode(account.service().databaseName())
				+ query(ServiceUrlParameters.inherited(url.parameters()));
	}

	/**
	 * {@code postgres} and {@code template1}, those {@code PUBLIC} may still connect to.
	 */
	public List<String> sharedDatabasesOpenToPublic() {
		try {
			return new Provisioner(this.admin).sharedDatabasesOpenToPublic();
		}
		catch (SQLException ex) {
			throw new CommandFailedException(describeFailure(ex));
		}
	}

	/**
	 * The databases besides the services' that {@code PUBLIC} may still connect to, so
	 * the services' roles too.
	 */
	public List<String> otherDatabasesOpenToPublic() {
		List<String> services = KnownServices.ALL.stream().map(ServiceIdentity::databaseName).toList();
		try {
			return new Provisioner(this.admin).databasesOpenToPublic()
				.stream()
				.filter((database) -> !services.contains(database))
				.toList();
		}
		catch (SQLException ex) {
			throw new CommandFailedException(describeFailure(ex));
		}
	}

	/**
	 * The names of the admin URL's parameters the services' URLs do not inherit (the
	 * administrator's client certificate and the like), for the output.
	 */
	public List<String> withheldParameters() {
		return ServiceUrlParameters.withheld(this.admin.url().parameters());
	}

	private static String query(Map<String, String> parameters) {
		if (parameters.isEmpty()) {
			return "";
		}
		Map<String, String> ordered = new LinkedHashMap<>(parameters);
		return ordered.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&", "?", ""));
	}

	private static String encode(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String passwordOutcome(ServiceAccount account, boolean rotate) {
		if (!account.passwordChanged()) {
			return "kept";
		}
		if (account.roleCreated()) {
			return "new";
		}
		return rotate ? "rotated" : "replaced (no earlier password in the env folder)";
	}

	private String describeFailure(SQLException failure) {
		String state = SqlErrors.sqlState(failure);
		if ("42501".equals(state)) {
			return "PostgreSQL at " + this.admin.server() + " refused a provisioning step: "
					+ SqlErrors.shortReason(failure) + "; give --admin-url a superuser";
		}
		if (state.startsWith("08") || state.startsWith("28") || "3D000".equals(state)) {
			return AdminPreflight.describeLoginFailure(this.admin, failure);
		}
		return "provisioning at " + this.admin.server() + " failed: " + SqlErrors.shortReason(failure);
	}

}
