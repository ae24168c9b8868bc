package io.storefront.cli.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.storefront.cli.testing.PostgresFixture;
import io.storefront.cli.testing.PostgresFixture.Run;
import io.storefront.db.config.DatabaseUrl;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesSecretsTests {

	private static TestPostgres postgres;

	@TempDir
	Path out;

	@BeforeAll
	static void startPostgres() {
		postgres = PostgresFixture.start();
	}

	@AfterAll
	static void stopPostgres() {
		postgres.close();
	}

	@BeforeEach
	void dropEverything() {
		PostgresFixture.reset(postgres);
	}

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
			DatabaseUrl url = databaseUrl(service);
			assertThat(url.host()).isEqualTo(service.name().replace("-service", "") + "-db-pooler");
			assertThat(url.port()).isEqualTo(6432);
			assertThat(url.user()).isEqualTo(service.defaultRole());
			assertThat(url.database()).isEqualTo(service.databaseName());
			assertThat(run.all()).doesNotContain(url.password());
		}
		assertThat(this.out).isDirectoryNotContaining("glob:**.env");
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
	void anUnknownFormatOrHostIsAUsageError() {
		Run format = PostgresFixture.cli("db", "provision", "--admin-url=" + postgres.adminUrl(), "--out",
				this.out.toString(), "--format", "helm");
		Run host = provision("--service-host", "db:99999");

		assertThat(format.status()).isEqualTo(2);
		assertThat(format.err()).contains("--format must be env or kubernetes");
		assertThat(host.status()).isEqualTo(2);
		assertThat(host.err()).contains("--service-host must be HOST or HOST:PORT");
	}

	/** {@code db provision --format kubernetes} into the test's folder. */
	private Run provision(String... extra) {
		String[] args = new String[7 + extra.length];
		args[0] = "db";
		args[1] = "provision";
		args[2] = "--admin-url=" + postgres.adminUrl();
		args[3] = "--out";
		args[4] = this.out.toString();
		args[5] = "--format";
		args[6] = "kubernetes";
		System.arraycopy(extra, 0, args, 7, extra.length);
		return PostgresFixture.cli(args);
	}

	/** The URL in a service's Secret, pointed at the test server (the Secret names the cluster's host). */
	private DatabaseUrl databaseUrl(ServiceIdentity service) {
		Path file = this.out.resolve(service.name().replace("-service", "") + "-database.yaml");
		String url = new KubernetesSecrets().read(file).get("DATABASE_URL");
		return DatabaseUrl.parse("DATABASE_URL", url);
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
