package io.storefront.cli.provision;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.storefront.cli.testing.CliTestSupport;
import io.storefront.db.config.DatabaseUrl;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesSecretsTests extends CliTestSupport {

	@TempDir
	Path out;

	@Test
	void writesOnePrivateSecretPerServiceNamedAsTheDeploymentsExpect() throws Exception {
		Run run = provision("--service-host", "{service}-db-pooler:6432");

		assertThat(run.status()).as(run.all()).isZero();
		assertThat(run.out()).contains("Kubernetes Secrets (mode 600)", "auth-database.yaml");
		for (ServiceIdentity service : KnownServices.ALL) {
			Path file = this.out.resolve(service.name().replace("-service", "") + "-database.yaml");
			assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
			JsonNode secret = new YAMLMapper().readTree(file.toFile());
			assertThat(secret.path("apiVersion").asString()).isEqualTo("v1");
			assertThat(secret.path("kind").asString()).isEqualTo("Secret");
			assertThat(secret.path("metadata").path("name").asString()).isEqualTo(service.name() + "-database");
			assertThat(secret.path("metadata").path("labels").path("app.kubernetes.io/name").asString())
				.isEqualTo(service.name());
			assertThat(secret.path("metadata").path("labels").path("app.kubernetes.io/part-of").asString())
				.isEqualTo("storefront");
			assertThat(secret.path("type").asString()).as("a generic Secret: basic-auth would demand other keys")
				.isEqualTo("Opaque");
			DatabaseUrl url = databaseUrl(service);
			assertThat(url.host()).isEqualTo(service.name().replace("-service", "") + "-db-pooler");
			assertThat(url.port()).isEqualTo(6432);
			assertThat(url.user()).isEqualTo(service.defaultRole());
			assertThat(url.database()).isEqualTo(service.databaseName());
			assertThat(run.all()).doesNotContain(url.password());
			assertThat(new KubernetesSecrets().read(file)).as("no --migration-host, no migration URL")
				.containsOnlyKeys("DATABASE_URL");
			assertThat(secret.has("stringData")).as("stringData, which server-side apply handles badly").isFalse();
			assertThat(new String(Base64.getDecoder().decode(secret.path("data").path("DATABASE_URL").asString()),
					StandardCharsets.UTF_8))
				.isEqualTo(new KubernetesSecrets().read(file).get("DATABASE_URL"));
			assertThat(Files.readString(file)).contains("kubectl apply --server-side");
		}
		assertThat(this.out).isDirectoryNotContaining("glob:**.env");
	}

	@Test
	void aMigrationHostAddsADirectUrlWithTheSameLoginThatReachesTheServer() throws Exception {
		DatabaseUrl admin = DatabaseUrl.parse("admin", postgres.adminUrl());

		Run run = provision("--service-host", "{service}-db-pooler:6432", "--migration-host",
				admin.host() + ":" + admin.port());

		assertThat(run.status()).as(run.all()).isZero();
		for (ServiceIdentity service : KnownServices.ALL) {
			DatabaseUrl pooled = databaseUrl(service);
			DatabaseUrl direct = url(service, "DATABASE_MIGRATION_URL");
			assertThat(pooled.host()).isEqualTo(service.name().replace("-service", "") + "-db-pooler");
			assertThat(direct.host()).isEqualTo(admin.host());
			assertThat(direct.port()).isEqualTo(admin.port());
			assertThat(direct.user()).isEqualTo(pooled.user());
			assertThat(direct.password()).isEqualTo(pooled.password());
			assertThat(direct.database()).isEqualTo(service.databaseName());
			try (Connection connection = ProvisionCommandTests.connect(direct, service.databaseName())) {
				assertThat(connection.isValid(2)).isTrue();
			}
		}
	}

	@Test
	void theMigrationHostTakesTheServicePlaceholderAndGoesAwayWhenLeftOut() {
		provision("--migration-host", "{service}-pg-rw:5433");
		assertThat(url(KnownServices.PRODUCT, "DATABASE_MIGRATION_URL").host()).isEqualTo("product-pg-rw");
		assertThat(url(KnownServices.PRODUCT, "DATABASE_MIGRATION_URL").port()).isEqualTo(5433);

		Run again = provision();

		assertThat(again.status()).as(again.all()).isZero();
		Path file = this.out.resolve("product-database.yaml");
		assertThat(new KubernetesSecrets().read(file)).containsOnlyKeys("DATABASE_URL");
	}

	@Test
	void theSecretsLoginsReachTheirOwnDatabaseOnly() throws Exception {
		provision();

		for (ServiceIdentity service : KnownServices.ALL) {
			DatabaseUrl url = databaseUrl(service);
			try (Connection own = ProvisionCommandTests.connect(url, service.databaseName())) {
				assertThat(own.isValid(2)).isTrue();
			}
			for (ServiceIdentity other : KnownServices.ALL) {
				if (!other.equals(service)) {
					assertThatThrownBy(() -> ProvisionCommandTests.connect(url, other.databaseName()).close())
						.as(service.defaultRole() + " on " + other.databaseName())
						.hasMessageContaining("permission denied for database");
				}
			}
		}
	}

	@Test
	void runningAgainKeepsThePasswordsInTheSecrets() throws Exception {
		provision();
		Map<String, String> first = passwords();

		Run again = provision();

		assertThat(again.status()).as(again.all()).isZero();
		assertThat(again.out()).contains("password kept").doesNotContain("replaced");
		assertThat(passwords()).isEqualTo(first);
		try (Connection connection = ProvisionCommandTests.connect(databaseUrl(KnownServices.CART), "cart_db")) {
			assertThat(connection.isValid(2)).isTrue();
		}
	}

	@Test
	void aSecretWrittenWithStringDataKeepsItsPassword() throws Exception {
		provision();
		Map<String, String> first = passwords();
		Path file = this.out.resolve("cart-database.yaml");
		String url = new KubernetesSecrets().read(file).get("DATABASE_URL");
		Files.writeString(file, """
				apiVersion: v1
				kind: Secret
				metadata:
				  name: cart-service-database
				type: Opaque
				stringData:
				  DATABASE_URL: "%s"
				""".formatted(url));

		Run again = provision();

		assertThat(again.status()).as(again.all()).isZero();
		assertThat(passwords()).isEqualTo(first);
		assertThat(new YAMLMapper().readTree(file.toFile()).has("data")).as("rewritten as data").isTrue();
	}

	/**
	 * YAML's own message is several lines and quotes the line it stopped at, which may
	 * hold a password.
	 */
	@Test
	void aSecretThatIsNotYamlIsNamedInOneLineWithoutQuotingIt() throws Exception {
		provision();
		Path secret = this.out.resolve("auth-database.yaml");
		String password = databaseUrl(KnownServices.AUTH).password();
		Files.writeString(secret, Files.readString(secret) + "  P: [" + password + "\n");

		Run run = provision();

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.err().strip()).matches(Pattern
			.quote("storefront db provision: cannot read the password kept in " + secret
					+ ": not a Kubernetes Secret in YAML (it cannot be parsed at line ")
				+ "\\d+, column \\d+\\); fix the file, or re-run with --rotate to replace it")
			.doesNotContain(password);
	}

	@Test
	void anUnknownFormatOrHostIsAUsageError() {
		Run format = cli("db", "provision", "--admin-url=" + postgres.adminUrl(), "--out", this.out.toString(),
				"--format", "helm");
		Run host = provision("--service-host", "db:99999");

		assertThat(format.status()).isEqualTo(2);
		assertThat(format.err()).contains("--format must be env or kubernetes (got \"helm\")\n");
		assertThat(host.status()).isEqualTo(2);
		assertThat(host.err())
			.contains("--service-host must be HOST or HOST:PORT with a port from 1 to 65535 (got \"db:99999\")\n");
	}

	@Test
	void aMigrationHostIsAUsageErrorWhenMalformedOrWrittenToEnvFiles() {
		Run port = provision("--migration-host", "storefront-pg-rw:0");
		Run env = cli("db", "provision", "--admin-url=" + postgres.adminUrl(), "--out", this.out.toString(),
				"--migration-host", "storefront-pg-rw");

		assertThat(port.status()).isEqualTo(2);
		assertThat(port.err()).contains("--migration-host must be HOST or HOST:PORT");
		assertThat(env.status()).isEqualTo(2);
		assertThat(env.err()).contains("--migration-host needs --format kubernetes");
		assertThat(this.out).isEmptyDirectory();
	}

	/** {@code db provision --format kubernetes} into the test's folder. */
	private Run provision(String... extra) {
		List<String> args = new ArrayList<>(List.of("db", "provision", "--admin-url=" + postgres.adminUrl(), "--out",
				this.out.toString(), "--format", "kubernetes"));
		args.addAll(List.of(extra));
		return cli(args.toArray(String[]::new));
	}

	/**
	 * The URL in a service's Secret, pointed at the test server (the Secret names the
	 * cluster's host).
	 */
	private DatabaseUrl databaseUrl(ServiceIdentity service) {
		return url(service, "DATABASE_URL");
	}

	private DatabaseUrl url(ServiceIdentity service, String key) {
		Path file = this.out.resolve(service.name().replace("-service", "") + "-database.yaml");
		String url = new KubernetesSecrets().read(file).get(key);
		assertThat(url).as(key + " in " + file.getFileName()).isNotNull();
		return DatabaseUrl.parse(key, url);
	}

	private Map<String, String> passwords() {
		Map<String, String> passwords = new HashMap<>();
		for (ServiceIdentity service : KnownServices.ALL) {
			DatabaseUrl url = databaseUrl(service);
			passwords.put(url.user(), url.password());
		}
		return passwords;
	}

}
