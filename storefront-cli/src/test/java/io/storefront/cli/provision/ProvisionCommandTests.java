package io.storefront.cli.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.cli.envfile.EnvFile;
import io.storefront.cli.testing.CliTestSupport;
import io.storefront.db.config.DatabaseUrl;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisionCommandTests extends CliTestSupport {

	@TempDir
	Path out;

	@Test
	void createsThreeDatabasesAndWritesPrivateEnvFiles() throws Exception {
		Run run = provision();

		assertThat(run.status()).as(run.all()).isZero();
		for (String name : new String[] { "auth", "product", "cart" }) {
			Path file = this.out.resolve(name + ".env");
			assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(EnvFile.read(file)).containsKey("DATABASE_URL");
		}
		assertThat(run.out()).contains("auth-service", "database auth_db created", "role auth_svc created",
				"password new");
		for (String password : passwords().values()) {
			assertThat(run.all()).doesNotContain(password);
		}
	}

	@Test
	void generatedPasswordsAreThirtyTwoLettersOrDigitsAndDistinct() {
		provision();
		Map<String, String> first = passwords();
		provision("--rotate");
		Map<String, String> rotated = passwords();

		List<String> all = new ArrayList<>(first.values());
		all.addAll(rotated.values());
		assertThat(all).hasSize(6).doesNotHaveDuplicates().allMatch((password) -> password.matches("[A-Za-z0-9]{32}"));
	}

	@Test
	void revokesConnectAndTemporaryFromPublic() throws SQLException {
		provision();

		try (Connection admin = postgres.adminConnection("postgres");
				Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("""
						SELECT d.datname, acl.privilege_type FROM pg_database d, aclexplode(d.datacl) acl
						WHERE d.datname IN ('auth_db', 'product_db', 'cart_db') AND acl.grantee = 0""")) {
			assertThat(rows.next()).as("a database PUBLIC holds a privilege on").isFalse();
		}
		try (Connection admin = postgres.adminConnection("postgres");
				Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("""
						SELECT datname,
						       has_database_privilege('public', datname, 'CONNECT'),
						       has_database_privilege('public', datname, 'TEMPORARY')
						FROM pg_database WHERE datname IN ('auth_db', 'product_db', 'cart_db')""")) {
			List<String> databases = new ArrayList<>();
			while (rows.next()) {
				databases.add(rows.getString(1));
				assertThat(rows.getBoolean(2)).as("PUBLIC may connect to " + rows.getString(1)).isFalse();
				assertThat(rows.getBoolean(3)).as("PUBLIC may create temporary tables in " + rows.getString(1))
					.isFalse();
			}
			assertThat(databases).containsExactlyInAnyOrder("auth_db", "product_db", "cart_db");
		}
	}

	@Test
	void eachRoleConnectsToItsOwnDatabaseOnly() throws SQLException {
		provision();

		for (ServiceIdentity service : KnownServices.ALL) {
			DatabaseUrl url = databaseUrl(service);
			try (Connection own = connect(url, service.databaseName())) {
				assertThat(own.isValid(2)).isTrue();
			}
			for (ServiceIdentity other : KnownServices.ALL) {
				if (!other.equals(service)) {
					assertThatThrownBy(() -> connect(url, other.databaseName()).close())
						.as(service.defaultRole() + " on " + other.databaseName())
						.hasMessageContaining("permission denied for database");
				}
			}
		}
	}

	@Test
	void eachRoleMayConnectToAndCreateTemporaryTablesInItsOwnDatabase() throws SQLException {
		provision();

		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			for (ServiceIdentity service : KnownServices.ALL) {
				try (ResultSet row = statement.executeQuery("SELECT has_database_privilege('" + service.defaultRole()
						+ "', '" + service.databaseName() + "', 'CONNECT'), has_database_privilege('"
						+ service.defaultRole() + "', '" + service.databaseName() + "', 'TEMPORARY')")) {
					row.next();
					assertThat(row.getBoolean(1))
						.as(service.defaultRole() + " may connect to " + service.databaseName())
						.isTrue();
					assertThat(row.getBoolean(2))
						.as(service.defaultRole() + " may create temporary tables in " + service.databaseName())
						.isTrue();
				}
			}
		}
	}

	@Test
	void nobodyButTheOwningRoleMayUseThePublicSchemaOfAServiceDatabase() throws SQLException {
		provision();

		for (ServiceIdentity service : KnownServices.ALL) {
			try (Connection admin = postgres.adminConnection(service.databaseName());
					Statement statement = admin.createStatement()) {
				try (ResultSet row = statement.executeQuery("""
						SELECT has_schema_privilege('public', 'public', 'USAGE'),
						       has_schema_privilege('public', 'public', 'CREATE')""")) {
					row.next();
					assertThat(row.getBoolean(1)).as("PUBLIC may use the public schema of " + service.databaseName())
						.isFalse();
					assertThat(row.getBoolean(2))
						.as("PUBLIC may create in the public schema of " + service.databaseName())
						.isFalse();
				}
				for (ServiceIdentity other : KnownServices.ALL) {
					try (ResultSet row = statement.executeQuery("SELECT has_schema_privilege('" + other.defaultRole()
							+ "', 'public', 'USAGE'), has_schema_privilege('" + other.defaultRole()
							+ "', 'public', 'CREATE')")) {
						row.next();
						boolean owner = other.equals(service);
						assertThat(row.getBoolean(1))
							.as(other.defaultRole() + " may use the public schema of " + service.databaseName())
							.isEqualTo(owner);
						assertThat(row.getBoolean(2))
							.as(other.defaultRole() + " may create in the public schema of " + service.databaseName())
							.isEqualTo(owner);
					}
				}
			}
		}
	}

	/**
	 * A grant made by hand to another service's role on a service's database is taken
	 * away by the next run, so that role is refused there again.
	 */
	@Test
	void provisioningRevokesWhatAnotherServicesRoleWasGrantedOnADatabase() throws SQLException {
		provision();
		postgres.runAsAdmin("postgres", "GRANT CONNECT, TEMPORARY ON DATABASE auth_db TO product_svc");
		postgres.runAsAdmin("postgres", "GRANT ALL ON DATABASE cart_db TO auth_svc");
		assertThat(anyRow("SELECT 1 WHERE has_database_privilege('product_svc', 'auth_db', 'CONNECT')")).isTrue();

		Run run = provision();

		assertThat(run.status()).as(run.all()).isZero();
		assertThat(anyRow("""
				SELECT 1 FROM pg_database d, unnest(ARRAY['auth_svc', 'product_svc', 'cart_svc']) AS r(role)
				WHERE d.datname IN ('auth_db', 'product_db', 'cart_db') AND d.datname <> replace(r.role, '_svc', '_db')
				AND (has_database_privilege(r.role, d.datname, 'CONNECT')
				     OR has_database_privilege(r.role, d.datname, 'TEMPORARY')
				     OR has_database_privilege(r.role, d.datname, 'CREATE'))"""))
			.as("a role holding a privilege on another service's database")
			.isFalse();
		assertThatThrownBy(() -> connect(databaseUrl(KnownServices.PRODUCT), "auth_db").close())
			.hasMessageContaining("permission denied for database");
		assertThatThrownBy(() -> connect(databaseUrl(KnownServices.AUTH), "cart_db").close())
			.hasMessageContaining("permission denied for database");
	}

	/**
	 * Run as a superuser, provisioning takes every attribute beyond LOGIN away from an
	 * existing role again, those only a superuser may take away included.
	 */
	@Test
	void provisioningAsASuperuserResetsEveryAttributeOfAnExistingRoleToLeastPrivilege() throws SQLException {
		provision();
		for (ServiceIdentity service : KnownServices.ALL) {
			postgres.runAsAdmin("postgres", "ALTER ROLE " + service.defaultRole()
					+ " NOLOGIN SUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS NOINHERIT");
		}

		Run run = provision();

		assertThat(run.status()).as(run.all()).isZero();
		try (Connection admin = postgres.adminConnection("postgres");
				Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("""
						SELECT rolname, rolcanlogin, rolinherit, rolsuper, rolcreatedb, rolcreaterole,
						       rolreplication, rolbypassrls
						FROM pg_roles WHERE rolname IN ('auth_svc', 'product_svc', 'cart_svc')""")) {
			List<String> roles = new ArrayList<>();
			while (rows.next()) {
				String role = rows.getString("rolname");
				roles.add(role);
				assertThat(rows.getBoolean("rolcanlogin")).as(role + " may log in").isTrue();
				assertThat(rows.getBoolean("rolinherit")).as(role + " inherits").isTrue();
				for (String attribute : new String[] { "rolsuper", "rolcreatedb", "rolcreaterole", "rolreplication",
						"rolbypassrls" }) {
					assertThat(rows.getBoolean(attribute)).as(role + " " + attribute).isFalse();
				}
			}
			assertThat(roles).containsExactlyInAnyOrder("auth_svc", "product_svc", "cart_svc");
		}
		try (Connection connection = connect(databaseUrl(KnownServices.CART), "cart_db")) {
			assertThat(connection.isValid(2)).isTrue();
		}
	}

	@Test
	void revokingPublicConnectLocksTheRolesOutOfPostgresAndTemplate1ButNotTheAdministrator() throws SQLException {
		Run run = provision("--revoke-public-connect");

		assertThat(run.status()).as(run.all()).isZero();
		assertThat(run.out())
			.contains("CONNECT revoked from PUBLIC on the services' databases, postgres and template1; no other"
					+ " database grants it to PUBLIC, so each role may connect to its own database only.");
		for (ServiceIdentity service : KnownServices.ALL) {
			DatabaseUrl url = databaseUrl(service);
			for (String shared : new String[] { "postgres", "template1" }) {
				assertThatThrownBy(() -> connect(url, shared).close()).as(service.defaultRole() + " on " + shared)
					.hasMessageContaining("permission denied for database");
			}
		}
		for (String shared : new String[] { "postgres", "template1" }) {
			try (Connection admin = postgres.adminConnection(shared)) {
				assertThat(admin.isValid(2)).as("the administrator on " + shared).isTrue();
			}
		}
	}

	@Test
	void revokingPublicConnectNamesTheOtherDatabasesThatStillGrantIt() throws SQLException {
		postgres.runAsAdmin("postgres", "CREATE DATABASE legacy");

		Run run = provision("--revoke-public-connect");

		assertThat(run.status()).as(run.all()).isZero();
		assertThat(run.out())
			.contains("CONNECT revoked from PUBLIC on the services' databases, postgres and template1; legacy still"
					+ " grants it to PUBLIC, so the services' roles may connect there too")
			.doesNotContain("each role may connect to its own database only");
		try (Connection legacy = connect(databaseUrl(KnownServices.AUTH), "legacy")) {
			assertThat(legacy.isValid(2)).isTrue();
		}
	}

	@Test
	void withoutTheFlagPostgresStaysOpenToPublicAndTheOutputSaysSo() throws SQLException {
		Run run = provision();

		assertThat(run.out()).contains("postgres and template1 keep PUBLIC's CONNECT (--revoke-public-connect");
		try (Connection shared = connect(databaseUrl(KnownServices.AUTH), "postgres")) {
			assertThat(shared.isValid(2)).isTrue();
		}
	}

	@Test
	void aRunAfterPublicConnectWasRevokedSaysSoFromTheCatalog() {
		provision("--revoke-public-connect");

		Run run = provision();

		assertThat(run.out()).contains("postgres and template1 were closed to PUBLIC already")
			.doesNotContain("keep PUBLIC's CONNECT");
	}

	@Test
	void onlyConnectionOptionsOfTheAdminUrlReachTheServicesUrls() {
		String adminUrl = postgres.adminUrl() + "?sslmode=disable&connect_timeout=7&sslcert=/keys/admin.crt"
				+ "&sslkey=/keys/admin.key&sslpassword=key-secret&ApplicationName=dba-console"
				+ "&target_session_attrs=read-write&sslrootcert=/keys/root.crt&sslnegotiation=postgres";

		Run run = cli("db", "provision", "--admin-url", adminUrl, "--out", this.out.toString());

		assertThat(run.status()).as(run.all()).isZero();
		for (ServiceIdentity service : KnownServices.ALL) {
			assertThat(databaseUrl(service).parameters()).as(service.name())
				.containsExactly(Map.entry("sslmode", "disable"), Map.entry("connect_timeout", "7"),
						Map.entry("target_session_attrs", "read-write"), Map.entry("sslrootcert", "/keys/root.crt"),
						Map.entry("sslnegotiation", "postgres"));
		}
		assertThat(run.out())
			.contains("Kept out of the services' URLs (the administrator's own): sslcert, sslkey,"
					+ " sslpassword, ApplicationName.")
			.doesNotContain("key-secret");
	}

	/**
	 * The server's verifiers too: setting the same password again would store it with a
	 * new salt, and a PgBouncer whose userlist.txt holds the old verifiers would then
	 * fail every server login.
	 */
	@Test
	void runningAgainKeepsPasswordsAndHandAddedVariables() throws Exception {
		provision();
		Map<String, String> first = passwords();
		Map<String, String> verifiers = serverVerifiers();
		Files.writeString(this.out.resolve("auth.env"), "PORT=9001\n", java.nio.file.StandardOpenOption.APPEND);

		Run again = provision();

		assertThat(again.status()).as(again.all()).isZero();
		assertThat(passwords()).isEqualTo(first);
		assertThat(serverVerifiers()).isEqualTo(verifiers);
		assertThat(again.out()).contains("database auth_db kept", "role auth_svc kept", "password kept")
			.doesNotContain("created");
		assertThat(EnvFile.read(this.out.resolve("auth.env"))).containsEntry("PORT", "9001");
		try (Connection connection = connect(databaseUrl(KnownServices.AUTH), "auth_db")) {
			assertThat(connection.isValid(2)).isTrue();
		}
	}

	/**
	 * A password changed on the server by hand is what something uses now: setting the
	 * folder's again would lock that out, so the run is refused and changes nothing.
	 */
	@Test
	void aKeptPasswordTheServerNoLongerHasIsRefusedBeforeAnythingChanges() throws Exception {
		provision();
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("ALTER ROLE auth_svc PASSWORD 'changed-on-the-server'");
		}
		Map<String, String> verifiers = serverVerifiers();

		Run again = provision();

		assertThat(again.status()).isEqualTo(1);
		assertThat(again.err().strip()).startsWith("storefront db provision: role auth_svc exists at localhost:"
				+ postgres.port() + " but " + this.out + " holds a password the server no longer takes for it (the"
				+ " folder is older than a --rotate, or the password was changed on the server); nothing was changed.")
			.doesNotContain("\n");
		assertThat(serverVerifiers()).isEqualTo(verifiers);
	}

	/**
	 * A copy of the env files taken before a rotation holds the old passwords;
	 * provisioning with it would set them again and lock out the services that got the
	 * new ones.
	 */
	@Test
	void aFolderOlderThanARotationIsRefusedAndTheCurrentPasswordsStillWork(@TempDir Path older) throws Exception {
		provision();
		for (ServiceIdentity service : KnownServices.ALL) {
			Path file = new EnvFileOutput().file(this.out, service);
			Files.copy(file, older.resolve(file.getFileName()));
		}
		provision("--rotate");

		Run stale = cli("db", "provision", "--admin-url=" + postgres.adminUrl(), "--out", older.toString());

		assertThat(stale.status()).isEqualTo(1);
		assertThat(stale.err()).contains("roles auth_svc, product_svc and cart_svc exist at",
				older + " holds passwords the server no longer takes for them", "nothing was changed", "--rotate");
		for (ServiceIdentity service : KnownServices.ALL) {
			try (Connection connection = connect(databaseUrl(service), service.databaseName())) {
				assertThat(connection.isValid(2)).as("the rotated password still works").isTrue();
			}
		}
	}

	/**
	 * A server with {@code password_encryption = md5} keeps the MD5 of password and role
	 * name: the folder's password is recognised in it, and set again as SCRAM.
	 */
	@Test
	void aKeptPasswordStoredAsMd5IsRecognised() throws Exception {
		provision();
		String password = passwords().get("auth_svc");
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("SET password_encryption = 'md5'");
			statement.execute("ALTER ROLE auth_svc PASSWORD '" + password + "'");
		}
		assertThat(serverVerifiers().get("auth_svc")).startsWith("md5");

		Run again = provision();

		assertThat(again.status()).as(again.all()).isZero();
		assertThat(again.out()).contains("password kept");
		assertThat(serverVerifiers().get("auth_svc")).startsWith("SCRAM-SHA-256$");
		try (Connection connection = connect(databaseUrl(KnownServices.AUTH), "auth_db")) {
			assertThat(connection.isValid(2)).isTrue();
		}
	}

	@Test
	void rotateGivesNewPasswordsAndTheOldOnesStopWorking() throws Exception {
		provision();
		Map<String, String> before = passwords();
		Map<ServiceIdentity, DatabaseUrl> old = databaseUrls();

		Run rotated = provision("--rotate");

		assertThat(rotated.status()).as(rotated.all()).isZero();
		assertThat(rotated.out()).contains("password rotated")
			.contains("Services running with the old passwords open no new connections: restart them with the new"
					+ " files now");
		Map<String, String> after = passwords();
		for (String role : before.keySet()) {
			assertThat(after.get(role)).isNotEqualTo(before.get(role));
		}
		for (ServiceIdentity service : KnownServices.ALL) {
			assertThatThrownBy(() -> connect(old.get(service), service.databaseName()).close()).as(service.name())
				.hasMessageContaining("password authentication failed");
			try (Connection connection = connect(databaseUrl(service), service.databaseName())) {
				assertThat(connection.isValid(2)).isTrue();
			}
		}
	}

	@Test
	void anOutputFolderWithoutTheExistingRolesPasswordsIsRefusedBeforeAnythingChanges() throws Exception {
		provision();
		Map<String, String> before = passwords();
		Path mistyped = this.out.resolve("mistyped");

		Run run = cli("db", "provision", "--admin-url=" + postgres.adminUrl(), "--out", mistyped.toString());

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err().strip())
			.startsWith("storefront db provision: roles auth_svc, product_svc and cart_svc exist at localhost:"
					+ postgres.port() + " but " + mistyped + " holds no password for them; nothing was changed."
					+ " Point --out at the folder that holds their env files (or Secrets, for --format kubernetes),"
					+ " or pass --rotate")
			.doesNotContain("\n");
		assertThat(mistyped).doesNotExist();
		for (ServiceIdentity service : KnownServices.ALL) {
			try (Connection connection = connect(databaseUrl(service), service.databaseName())) {
				assertThat(connection.isValid(2)).as("the password the env file holds still works").isTrue();
			}
		}
		assertThat(passwords()).isEqualTo(before);
	}

	@Test
	void aRoleWhosePasswordIsNotInTheFolderIsNamedAlone() throws Exception {
		provision();
		Files.delete(this.out.resolve("product.env"));

		Run run = provision();

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).contains("role product_svc exists at", "holds no password for it;",
				"give it a new password");
		assertThat(this.out.resolve("product.env")).doesNotExist();
	}

	@Test
	void rotateIntoAnotherFolderGivesTheExistingRolesNewPasswords() throws Exception {
		provision();
		Map<ServiceIdentity, DatabaseUrl> old = databaseUrls();
		Path other = this.out.resolve("other");

		Run run = cli("db", "provision", "--admin-url=" + postgres.adminUrl(), "--out", other.toString(), "--rotate");

		assertThat(run.status()).as(run.all()).isZero();
		for (ServiceIdentity service : KnownServices.ALL) {
			assertThat(run.out()).contains("role " + service.defaultRole() + " kept, password rotated");
			assertThatThrownBy(() -> connect(old.get(service), service.databaseName()).close()).as(service.name())
				.hasMessageContaining("password authentication failed");
			DatabaseUrl rotated = DatabaseUrl.parse("DATABASE_URL",
					EnvFile.read(other.resolve(envFileName(service))).get("DATABASE_URL"));
			try (Connection connection = connect(rotated, service.databaseName())) {
				assertThat(connection.isValid(2)).isTrue();
			}
		}
	}

	@Test
	void anOutputFolderThatCannotBeWrittenStopsProvisioningBeforeAnyPasswordChanges() throws Exception {
		provision();
		Map<ServiceIdentity, DatabaseUrl> before = databaseUrls();
		Path notAFolder = this.out.resolve("taken-by-a-file");
		Files.writeString(notAFolder, "");

		Run run = cli("db", "provision", "--admin-url=" + postgres.adminUrl(), "--rotate", "--out",
				notAFolder.toString());

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err().strip()).isEqualTo("storefront db provision: cannot write "
				+ notAFolder.resolve("auth.env") + ": " + notAFolder + " is a file, not a folder");
		for (ServiceIdentity service : KnownServices.ALL) {
			try (Connection connection = connect(before.get(service), service.databaseName())) {
				assertThat(connection.isValid(2)).as("%s: the password the env file holds still works", service.name())
					.isTrue();
			}
		}
	}

	@Test
	void unreachableServerIsOneClearLine() {
		Run run = cli("db", "provision", "--admin-url", "postgresql://postgres@127.0.0.1:1/postgres", "--out",
				this.out.toString());

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err().strip()).startsWith("storefront db provision: cannot reach PostgreSQL at 127.0.0.1:1")
			.doesNotContain("\n")
			.doesNotContain("Exception");
		assertThat(this.out).isEmptyDirectory();
	}

	@Test
	void aHostNameThatDoesNotResolveIsNamed() {
		Run run = cli("db", "provision", "--admin-url", "postgresql://postgres@no-such-host.invalid:5432/postgres",
				"--out", this.out.toString());

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err().strip()).startsWith("storefront db provision: cannot reach PostgreSQL at"
				+ " no-such-host.invalid:5432 (unknown host no-such-host.invalid");
	}

	@Test
	void adminWithoutCreateRoleIsRefusedBeforeAnythingChanges() throws SQLException {
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE weak_admin LOGIN PASSWORD 'weak-secret'");
		}

		Run run = cli("db", "provision", "--admin-url", weakAdminUrl(), "--out", this.out.toString());

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).contains("weak_admin", "is not a superuser").doesNotContain("weak-secret");
		assertThat(this.out).isEmptyDirectory();
	}

	@Test
	void anAdminWithCreateRoleAndCreateDbButNotSuperuserProvisions() throws SQLException {
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE weak_admin LOGIN CREATEROLE CREATEDB PASSWORD 'weak-secret'");
		}
		String adminUrl = weakAdminUrl();

		Run first = cli("db", "provision", "--admin-url", adminUrl, "--out", this.out.toString());
		Run again = cli("db", "provision", "--admin-url", adminUrl, "--out", this.out.toString());

		assertThat(first.status()).as(first.all()).isZero();
		assertThat(again.status()).as(again.all()).isZero();
		assertThat(again.out()).contains("role cart_svc kept, password kept");
		try (Connection connection = connect(databaseUrl(KnownServices.CART), "cart_db")) {
			assertThat(connection.isValid(2)).isTrue();
		}
	}

	@Test
	void aRoleWithAnAttributeOnlyASuperuserMayTakeAwayStopsANonSuperuserAdminBeforeAnythingChanges()
			throws SQLException {
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE weak_admin LOGIN CREATEROLE CREATEDB PASSWORD 'weak-secret'");
			statement.execute("CREATE ROLE product_svc LOGIN SUPERUSER");
		}

		Run run = cli("db", "provision", "--admin-url", weakAdminUrl(), "--rotate", "--out", this.out.toString());

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err().strip()).isEqualTo("storefront db provision: at localhost:" + postgres.port()
				+ " role product_svc has SUPERUSER, which only a superuser may take away, and the admin login"
				+ " weak_admin is not one; nothing was changed. Give --admin-url a superuser, or have one run ALTER"
				+ " ROLE … NOSUPERUSER NOREPLICATION NOBYPASSRLS for product_svc");
		assertThat(this.out).isEmptyDirectory();
		assertThat(anyRow("SELECT rolname FROM pg_roles WHERE rolname IN ('auth_svc', 'cart_svc')"))
			.as("a role created before the refusal")
			.isFalse();
	}

	/**
	 * Since PostgreSQL 16 a CREATEROLE login may change only the roles it holds ADMIN
	 * OPTION on (those it created), and only an owner may change a database: one created
	 * by a superuser, or by another admin, stops it before anything changes.
	 */
	@Test
	void rolesAndDatabasesTheAdminMayNotManageStopANonSuperuserAdminBeforeAnythingChanges() throws SQLException {
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE weak_admin LOGIN CREATEROLE CREATEDB PASSWORD 'weak-secret'");
			statement.execute("CREATE ROLE product_svc LOGIN");
			statement.execute("CREATE DATABASE cart_db");
		}

		Run run = cli("db", "provision", "--admin-url", weakAdminUrl(), "--rotate", "--out", this.out.toString());

		assertThat(run.status()).as(run.all()).isEqualTo(1);
		assertThat(run.err().strip()).isEqualTo("storefront db provision: at localhost:" + postgres.port()
				+ " the admin login weak_admin may not manage role product_svc (it lacks ADMIN OPTION on it) and does"
				+ " not own database cart_db; nothing was changed. Give --admin-url a superuser, or the login that"
				+ " created them");
		assertThat(this.out).isEmptyDirectory();
		assertThat(anyRow("""
				SELECT rolname FROM pg_roles WHERE rolname IN ('auth_svc', 'cart_svc')
				UNION ALL SELECT datname FROM pg_database WHERE datname IN ('auth_db', 'product_db')"""))
			.as("a role or database created before the refusal")
			.isFalse();
	}

	/**
	 * The URL of {@code weak_admin}, which a test creates with the attributes it needs.
	 */
	private static String weakAdminUrl() {
		return "postgresql://weak_admin:weak-secret@localhost:" + postgres.port() + "/postgres";
	}

	/** The services' roles' password verifiers as the server stores them. */
	private static Map<String, String> serverVerifiers() throws SQLException {
		Map<String, String> verifiers = new HashMap<>();
		try (Connection admin = postgres.adminConnection("postgres");
				Statement statement = admin.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT rolname, rolpassword FROM pg_authid WHERE rolname LIKE '%\\_svc'")) {
			while (rows.next()) {
				verifiers.put(rows.getString(1), rows.getString(2));
			}
		}
		assertThat(verifiers).hasSize(3);
		return verifiers;
	}

	/** Whether the query, asked as the server's superuser, finds any row. */
	private static boolean anyRow(String query) throws SQLException {
		try (Connection admin = postgres.adminConnection("postgres");
				Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery(query)) {
			return rows.next();
		}
	}

	@Test
	void wrongAdminPasswordSaysSoWithoutRepeatingIt() throws SQLException {
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE weak_admin LOGIN SUPERUSER PASSWORD 'right-secret'");
		}

		Run run = cli("db", "provision", "--admin-url",
				"postgresql://weak_admin:wrong-secret@localhost:" + postgres.port() + "/postgres", "--out",
				this.out.toString());

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err()).contains("refused the admin login weak_admin", "password authentication failed")
			.doesNotContain("wrong-secret");
	}

	@Test
	void anAdminPasswordInTheCommandLineIsWarnedOfWithoutRepeatingIt() throws SQLException {
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE weak_admin LOGIN SUPERUSER PASSWORD 'right-secret'");
		}
		String withoutPassword = "postgresql://weak_admin@localhost:" + postgres.port() + "/postgres";

		Run inTheUrl = cli("db", "provision", "--admin-url",
				"postgresql://weak_admin:right-secret@localhost:" + postgres.port() + "/postgres", "--out",
				this.out.toString());
		Run fromVariable = cli(Map.of("PGPASSWORD", "right-secret"), "db", "provision", "--admin-url", withoutPassword,
				"--out", this.out.toString());

		assertThat(inTheUrl.status()).as(inTheUrl.all()).isZero();
		assertThat(inTheUrl.err()).contains("WARNING: --admin-url holds a password", "PGPASSWORD", "~/.pgpass")
			.doesNotContain("right-secret");
		assertThat(inTheUrl.out()).as("the report alone").doesNotContain("WARNING");
		assertThat(fromVariable.status()).as(fromVariable.all()).isZero();
		assertThat(fromVariable.err()).doesNotContain("WARNING");
	}

	@Test
	void adminPasswordComesFromPgpasswordOrThePasswordFileWhenTheUrlHasNone() throws Exception {
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE weak_admin LOGIN SUPERUSER PASSWORD 'right-secret'");
		}
		String adminUrl = "postgresql://weak_admin@localhost:" + postgres.port() + "/postgres";
		Path passFile = this.out.resolveSibling(this.out.getFileName() + "-pgpass");
		Files.writeString(passFile, "# host:port:database:user:password\n" + "otherhost:*:*:*:nope\n" + "localhost:"
				+ postgres.port() + ":postgres:weak_admin:right-secret\n");
		Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-------"));

		Run fromVariable = cli(Map.of("PGPASSWORD", "right-secret"), "db", "provision", "--admin-url", adminUrl,
				"--out", this.out.toString());
		Run fromFile = cli(Map.of("PGPASSFILE", passFile.toString()), "db", "provision", "--admin-url", adminUrl,
				"--out", this.out.toString());
		Run wrongVariable = cli(Map.of("PGPASSWORD", "wrong-secret"), "db", "provision", "--admin-url", adminUrl,
				"--out", this.out.toString());
		Run userFromPguser = cli(Map.of("PGUSER", "weak_admin", "PGPASSWORD", "right-secret"), "db", "provision",
				"--admin-url", "postgresql://localhost:" + postgres.port() + "/postgres", "--out", this.out.toString());
		Files.setPosixFilePermissions(passFile, PosixFilePermissions.fromString("rw-r--r--"));
		Run fileOthersMayRead = cli(Map.of("PGPASSFILE", passFile.toString(), "HOME", "/nonexistent"), "db",
				"provision", "--admin-url", adminUrl, "--out", this.out.toString());

		assertThat(fromVariable.status()).as(fromVariable.all()).isZero();
		assertThat(fromFile.status()).as(fromFile.all()).isZero();
		assertThat(wrongVariable.status()).isEqualTo(1);
		assertThat(wrongVariable.err()).contains("refused the admin login weak_admin").doesNotContain("wrong-secret");
		assertThat(userFromPguser.status()).as("a URL without a user logs in as PGUSER: " + userFromPguser.all())
			.isZero();
		assertThat(fileOthersMayRead.status()).as("a password file others may read is ignored, as libpq does")
			.isEqualTo(1);
		assertThat(fileOthersMayRead.err())
			.contains("WARNING: password file \"" + passFile + "\" has group or world access")
			.contains("asks the admin login weak_admin for a password, and none was given");
		Files.delete(passFile);
	}

	/**
	 * libpq warns of a password file that is a folder (or a device) and reads no password
	 * from it, rather than pass over it in silence.
	 */
	@Test
	void aPasswordFileThatIsAFolderIsIgnoredWithLibpqsWarning() throws Exception {
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE weak_admin LOGIN SUPERUSER PASSWORD 'right-secret'");
		}
		Path folder = Files.createDirectories(this.out.resolveSibling(this.out.getFileName() + "-pgpass-folder"));

		Run run = cli(Map.of("PGPASSFILE", folder.toString()), "db", "provision", "--admin-url",
				"postgresql://weak_admin@localhost:" + postgres.port() + "/postgres", "--out", this.out.toString());

		assertThat(run.status()).as(run.all()).isEqualTo(1);
		assertThat(run.err()).contains("WARNING: password file \"" + folder + "\" is not a plain file\n")
			.contains("asks the admin login weak_admin for a password, and none was given");
		Files.delete(folder);
	}

	/** libpq takes only an empty PGPASSWORD for none: spaces are a password. */
	@Test
	void aPgpasswordOfSpacesIsAPassword() throws SQLException {
		try (Connection admin = postgres.adminConnection("postgres"); Statement statement = admin.createStatement()) {
			statement.execute("CREATE ROLE weak_admin LOGIN SUPERUSER PASSWORD '   '");
		}
		String adminUrl = "postgresql://weak_admin@localhost:" + postgres.port() + "/postgres";

		Run spaces = cli(Map.of("PGPASSWORD", "   ", "HOME", "/nonexistent"), "db", "provision", "--admin-url",
				adminUrl, "--out", this.out.toString());
		Run empty = cli(Map.of("PGPASSWORD", "", "HOME", "/nonexistent"), "db", "provision", "--admin-url", adminUrl,
				"--out", this.out.toString());

		assertThat(spaces.status()).as(spaces.all()).isZero();
		assertThat(empty.status()).as(empty.all()).isEqualTo(1);
		assertThat(empty.err()).contains("asks the admin login weak_admin for a password, and none was given");
	}

	@Test
	void malformedAdminUrlIsAUsageError() {
		Run run = cli("db", "provision", "--admin-url", "mysql://root@localhost/x");

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.err()).contains("--admin-url is not a PostgreSQL URL", "usage: storefront db provision");
	}

	@Test
	void missingAdminUrlIsAUsageError() {
		Run run = cli("db", "provision", "--out", this.out.toString());

		assertThat(run.status()).isEqualTo(2);
		assertThat(run.err()).contains("--admin-url is required");
	}

	private Run provision(String... extra) {
		List<String> args = new ArrayList<>(
				List.of("db", "provision", "--admin-url=" + postgres.adminUrl(), "--out", this.out.toString()));
		args.addAll(List.of(extra));
		return cli(args.toArray(String[]::new));
	}

	private DatabaseUrl databaseUrl(ServiceIdentity service) {
		return DatabaseUrl.parse("DATABASE_URL",
				EnvFile.read(this.out.resolve(envFileName(service))).get("DATABASE_URL"));
	}

	private Map<ServiceIdentity, DatabaseUrl> databaseUrls() {
		Map<ServiceIdentity, DatabaseUrl> urls = new HashMap<>();
		for (ServiceIdentity service : KnownServices.ALL) {
			urls.put(service, databaseUrl(service));
		}
		return urls;
	}

	private static String envFileName(ServiceIdentity service) {
		return service.name().replace("-service", "") + ".env";
	}

	private Map<String, String> passwords() {
		Map<String, String> passwords = new HashMap<>();
		for (ServiceIdentity service : KnownServices.ALL) {
			DatabaseUrl url = databaseUrl(service);
			passwords.put(url.user(), url.password());
		}
		return passwords;
	}

	static Connection connect(DatabaseUrl url, String database) throws SQLException {
		java.util.Properties properties = new java.util.Properties();
		properties.setProperty("user", url.user());
		properties.setProperty("password", url.password());
		return new org.postgresql.Driver()
			.connect("jdbc:postgresql://" + url.host() + ":" + url.port() + "/" + database, properties);
	}

}
