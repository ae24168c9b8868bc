package io.storefront.cli.check;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.cli.testing.CliTestSupport;
import io.storefront.cli.envfile.EnvFile;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.testing.FreePorts;
import io.storefront.db.testing.PgBouncerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code db check} with the env files {@code db provision --pgbouncer} wrote: each
 * service through a real PgBouncer, isolation on the server itself, and the budget at
 * both levels.
 */
class CheckThroughPgBouncerTests extends CliTestSupport {

	/** What the README promises of a connection that does not answer. */
	private static final Duration CHECK_LIMIT = Duration.ofSeconds(5);

	private static final Duration LOADED_MACHINE_MARGIN = Duration.ofSeconds(4);

	@TempDir
	Path envDir;

	private Path pgbouncerDir;

	private int port;

	private PgBouncerProcess pgbouncer;

	@BeforeEach
	void provisionWithPgBouncer() {
		this.pgbouncerDir = PgBouncerProcess.privateFolder();
		this.port = FreePorts.any();
	}

	@AfterEach
	void stopPgBouncer() {
		if (this.pgbouncer != null) {
			this.pgbouncer.close();
		}
		PgBouncerProcess.delete(this.pgbouncerDir);
	}

	@Test
	void eachServiceReachesPostgresThroughPgBouncerAndBothBudgetsHold() {
		provision();
		startPgBouncer();

		Run run = check("--json");

		assertThat(run.status()).as(run.all()).isZero();
		JsonNode report = JsonMapper.builder().build().readTree(run.out());
		assertThat(report.path("services")).hasSize(KnownServices.ALL.size());
		for (int i = 0; i < KnownServices.ALL.size(); i++) {
			ServiceIdentity service = KnownServices.ALL.get(i);
			JsonNode checked = report.path("services").get(i);
			assertThat(checked.path("pooler").asString()).as(service.name()).isEqualTo("pgbouncer");
			assertThat(checked.path("target").asString()).as(service.name())
				.isEqualTo(service.defaultRole() + "@127.0.0.1:" + this.port + "/" + service.databaseName());
			// the server's own figures, read by a query that went through PgBouncer
			assertThat(checked.path("connection").path("server_version").asString()).as(service.name())
				.startsWith("PostgreSQL 17");
			assertThat(checked.path("connection").path("max_connections").asInt()).as(service.name()).isEqualTo(200);
			assertThat(checked.path("isolation").path("ok").asBoolean()).as(service.name()).isTrue();
			assertThat(checked.path("isolation").path("attempts").get(0).path("outcome").asString()).as(service.name())
				.isEqualTo("refused");
		}

		JsonNode clients = report.path("budgets").get(0);
		assertThat(clients.path("level").asString()).isEqualTo("pgbouncer");
		assertThat(clients.path("server").asString()).isEqualTo("127.0.0.1:" + this.port);
		assertThat(clients.path("limits_from").asString()).isEqualTo("console");
		assertThat(clients.path("needed").asInt()).isEqualTo(96);
		assertThat(clients.path("usable").asInt()).isEqualTo(106);
		JsonNode server = report.path("budgets").get(1);
		assertThat(server.path("level").asString()).isEqualTo("server behind pgbouncer");
		assertThat(server.path("server").asString()).isEqualTo("localhost:" + postgres.port());
		// PgBouncer's pools (32 per database) and one migration connection per service
		assertThat(server.path("needed").asInt()).isEqualTo(99);
		assertThat(server.path("usable").asInt()).isEqualTo(197);
	}

	@Test
	void tableSaysThroughPgBouncerAndTheArithmeticAtBothLevels() {
		provision();
		startPgBouncer();

		Run run = check();

		assertThat(run.status()).as(run.all()).isZero();
		assertThat(run.out())
			.containsPattern("auth-service\\s+connection\\s+ok\\s+auth_svc@127.0.0.1:\\d+/auth_db: connected through"
					+ " pgbouncer in")
			.containsPattern("pgbouncer 127.0.0.1:\\d+\\s+budget\\s+ok\\s+96 clients needed \\(pools 90 \\+ monitors 6,"
					+ " x 1 replica\\), max_client_conn 106 \\(console\\)")
			.containsPattern(
					"server localhost:\\d+\\s+budget\\s+ok\\s+99 connections needed \\(PgBouncer's pools 32 \\+"
							+ " 32 \\+ 32 \\+ migrations 3 for 1 replica\\), 197 usable \\(max_connections 200 - 3 reserved\\)");
	}

	@Test
	void moreReplicasThanPgBouncerAcceptsFailWithTheNumbers() {
		provision();
		startPgBouncer();

		Run run = check("--replicas", "3");

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.out())
			.containsPattern("pgbouncer 127.0.0.1:\\d+\\s+budget\\s+FAIL\\s+over budget: 288 clients needed \\(pools 90"
					+ " \\+ monitors 6, x 3 replicas\\), max_client_conn 106 \\(console\\)")
			.containsPattern("server localhost:\\d+\\s+budget\\s+ok\\s+105 connections needed")
			.contains("1 check failed.");
	}

	@Test
	void provisionedForThreeReplicasTheBudgetHoldsForThree() {
		provision("--replicas", "3");
		startPgBouncer();

		Run run = check("--replicas", "3");

		assertThat(run.status()).as(run.all()).isZero();
		assertThat(run.out()).containsPattern("server localhost:\\d+\\s+budget\\s+ok\\s+195 connections needed");
	}

	@Test
	void pgbouncerPoolsLargerThanTheServerFailTheServerLevel() throws Exception {
		provision();
		Path ini = this.pgbouncerDir.resolve("pgbouncer.ini");
		Files.writeString(ini,
				Files.readString(ini, StandardCharsets.UTF_8)
					.replace("default_pool_size = 32", "default_pool_size = 80")
					.replace("max_db_connections = 32", "max_db_connections = 0"),
				StandardCharsets.UTF_8);
		startPgBouncer();

		Run run = check();

		assertThat(run.status()).isEqualTo(1);
		assertThat(run.out()).containsPattern("server localhost:\\d+\\s+budget\\s+FAIL\\s+over budget: 243 connections"
				+ " needed \\(PgBouncer's pools 80 \\+ 80 \\+ 80 \\+ migrations 3 for 1 replica\\), 197 usable");
	}

	/**
	 * PgBouncer may take exactly as many clients as the services need, and its pools
	 * (with the migrations' direct connections) every connection the server lets ordinary
	 * roles open; one more at either level fails.
	 */
	@Test
	void budgetsThatNeedExactlyTheLimitPassAndOneMoreFailsAtEitherLevel() throws Exception {
		provision();
		Path ini = this.pgbouncerDir.resolve("pgbouncer.ini");
		String provisioned = Files.readString(ini, StandardCharsets.UTF_8);
		// 96 clients (3 x (10 + 20 + 2 monitors)); server: 66 + 64 + 64 pooled + 3
		// migrations
		// = 197 = max_connections 200 - 3 reserved
		Files.writeString(ini, limits(provisioned, 96, 66), StandardCharsets.UTF_8);
		startPgBouncer();
		Run exactly = check();
		this.pgbouncer.close();
		Files.writeString(ini, limits(provisioned, 95, 67), StandardCharsets.UTF_8);
		startPgBouncer();
		Run oneMore = check();

		assertThat(exactly.status()).as(exactly.all()).isZero();
		assertThat(exactly.out())
			.containsPattern("pgbouncer 127.0.0.1:\\d+\\s+budget\\s+ok\\s+96 clients needed .*max_client_conn 96"
					+ " \\(console\\)")
			.containsPattern("server localhost:\\d+\\s+budget\\s+ok\\s+197 connections needed \\(PgBouncer's pools 66"
					+ " \\+ 64 \\+ 64 \\+ migrations 3 for 1 replica\\), 197 usable");
		assertThat(oneMore.status()).isEqualTo(1);
		assertThat(oneMore.out())
			.containsPattern("pgbouncer 127.0.0.1:\\d+\\s+budget\\s+FAIL\\s+over budget: 96 clients needed .*"
					+ "max_client_conn 95 \\(console\\)")
			.containsPattern("server localhost:\\d+\\s+budget\\s+FAIL\\s+over budget: 198 connections needed"
					+ " \\(PgBouncer's pools 67 \\+ 64 \\+ 64 \\+ migrations 3 for 1 replica\\), 197 usable");
	}

	/**
	 * The provisioned ini with {@code max_client_conn} and auth_db's pool changed, the
	 * other databases' pools 64, and no cap beyond the pools.
	 */
	private static String limits(String ini, int maxClientConn, int authPool) {
		return ini.replace("max_client_conn = 106", "max_client_conn = " + maxClientConn)
			.replace("default_pool_size = 32", "default_pool_size = 64")
			.replace("max_db_connections = 32", "max_db_connections = 0")
			.replaceFirst("(?m)^(auth_db = .*)$", "$1 pool_size=" + authPool);
	}

	@Test
	void aPgBouncerThatIsNotRunningIsOneClearLinePerServiceAndItsIniStillGivesTheClientBudget() {
		provision();

		Run withoutIni = check();
		Run withIni = check("--pgbouncer", this.pgbouncerDir.toString());

		assertThat(withoutIni.status()).as("nothing answered").isEqualTo(3);
		assertThat(withoutIni.out())
			.containsPattern("cart-service\\s+connection\\s+FAIL\\s+cart_svc@127.0.0.1:" + this.port
					+ "/cart_db: DATABASE_POOLER=pgbouncer but nothing answers at 127.0.0.1:" + this.port
					+ " \\(cannot connect: .*\\); is PgBouncer running\\?")
			.containsPattern("pgbouncer 127.0.0.1:\\d+\\s+budget\\s+FAIL\\s+not checked: PgBouncer at 127.0.0.1:\\d+ is"
					+ " not reachable \\(ConnectException.*\\); give --pgbouncer DIR");
		assertThat(withIni.out()).containsPattern("pgbouncer 127.0.0.1:\\d+\\s+budget\\s+ok\\s+96 clients needed .*"
				+ "max_client_conn 106 \\(" + this.pgbouncerDir.resolve("pgbouncer.ini") + "\\)");
	}

	@Test
	void aWrongPasswordPgBouncerRefusesIsAFailedLoginNotANothingAnswers() throws Exception {
		provision();
		startPgBouncer();
		Path auth = this.envDir.resolve("auth.env");
		String env = Files.readString(auth, StandardCharsets.UTF_8);
		String password = EnvFile.read(auth).get("DATABASE_URL").replaceFirst("^.*:([A-Za-z0-9]+)@.*$", "$1");
		Files.writeString(auth, env.replace(password, "not-the-password"), StandardCharsets.UTF_8);

		Run run = check("--json");

		assertThat(run.status()).as(run.all()).isEqualTo(1);
		JsonNode connection = connectionReport(run, 0);
		assertThat(connection.path("unreachable").asBoolean()).isFalse();
		assertThat(connection.path("error").asString()).isEqualTo("SASL authentication failed");
	}

	/**
	 * PgBouncer accepts the connection and holds the login until the server answers: the
	 * check's own limit ends it, for every service at once, so a script has its answer
	 * within about that limit (it took 10 s per service, 31 s in all).
	 */
	@Test
	void aServerThatIsDownBehindPgBouncerIsSaidToBeTheServerNotPgBouncerWithinTheCheckLimit() {
		provision();
		startPgBouncer();
		postgres.stop();
		try {
			long start = System.nanoTime();
			Run run = check();
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(run.status()).as(run.all()).isEqualTo(3);
			for (ServiceIdentity service : KnownServices.ALL) {
				assertThat(run.out()).containsPattern(service.name() + "\\s+connection\\s+FAIL\\s+"
						+ service.defaultRole() + "@127.0.0.1:" + this.port + "/" + service.databaseName()
						+ ": PgBouncer answered at 127.0.0.1:" + this.port
						+ " but the server behind it did not \\(cannot connect: connection attempt timed out\\); is"
						+ " PostgreSQL running, and does it take PgBouncer's login\\? \\(PgBouncer's log says\\)");
			}
			assertThat(run.out()).doesNotContain("is PgBouncer running?");
			assertThat(took).as("the whole check, against its limit of " + CHECK_LIMIT.toSeconds() + " s")
				.isLessThan(CHECK_LIMIT.plus(LOADED_MACHINE_MARGIN));
		}
		finally {
			postgres.start();
		}
	}

	private void provision(String... extra) {
		List<String> args = new ArrayList<>(
				List.of("db", "provision", "--admin-url", postgres.adminUrl(), "--out", this.envDir.toString(),
						"--pgbouncer", this.pgbouncerDir.toString(), "--pgbouncer-port", Integer.toString(this.port)));
		args.addAll(List.of(extra));
		Run run = cli(args.toArray(String[]::new));
		assertThat(run.status()).as(run.all()).isZero();
	}

	private void startPgBouncer() {
		this.pgbouncer = PgBouncerProcess.start(this.pgbouncerDir.resolve("pgbouncer.ini"), this.port);
	}

	private Run check(String... extra) {
		List<String> args = new ArrayList<>(List.of("db", "check", "--env-dir", this.envDir.toString()));
		args.addAll(List.of(extra));
		return cli(args.toArray(String[]::new));
	}

}
