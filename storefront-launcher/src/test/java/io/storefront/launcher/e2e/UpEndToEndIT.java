package io.storefront.launcher.e2e;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.util.FileSystemUtils;

import io.storefront.db.config.DotEnvFile;
import io.storefront.launcher.console.StatusConsole;
import io.storefront.launcher.ports.PortCheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ./storefront up} end to end, as a developer uses it: started from the checkout's
 * root (on an isolated state folder and free ports), all three services answer on
 * loopback only, {@code ./storefront db check --http} passes with no database but its own
 * open to any role, the superuser logs in with its kept password only, SIGTERM stops
 * everything (exit 0, no process left), and a second {@code up} finds its data, passwords
 * and admin login where the first left them.
 *
 * <p>
 * The steps run in order on one running stack; between the checks and the stop, a
 * shopper's journey crosses all three services: register → log in → list the demo
 * products → add to the cart (cart asks product-service) → view the cart. The admin
 * account {@code up} printed logs in too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpEndToEndIT {

	private static final Duration START_LIMIT = Duration.ofMinutes(5);

	private final StorefrontHttp http = new StorefrontHttp();

	private IsolatedUp isolation;

	private RunningStorefront up;

	private final Map<String, String> filesAfterFirstRun = new LinkedHashMap<>();

	private final List<Long> pidsOfFirstRun = new ArrayList<>();

	@BeforeAll
	void startStorefront() throws Exception {
		this.isolation = IsolatedUp.create("storefront-e2e-state");
		this.up = start("first-up");
	}

	@AfterAll
	void stopWhateverIsLeft() {
		this.isolation.end(this.up);
	}

	@Test
	@Order(1)
	void everyServiceAnswersHealth() throws Exception {
		for (int i = 0; i < Machine.SERVICES.size(); i++) {
			StorefrontHttp.Reply health = this.http.get(url(i, "/health"));

			assertThat(health.status()).as(Machine.SERVICES.get(i) + " /health: " + health.body()).isEqualTo(200);
			assertThat(health.json().path("status").asString()).isEqualTo("healthy");
			assertThat(health.json().path("service").asString()).isEqualTo(Machine.SERVICES.get(i));
		}
	}

	@Test
	@Order(2)
	void dbCheckWithHttpPasses() throws Exception {
		IsolatedUp.Finished check = this.isolation.command("db", "check", "--http");

		assertThat(check.status()).as(check.output()).isZero();
		assertThat(check.output()).contains("All checks passed.")
			.containsPattern("auth-service\\s+/health/detailed\\s+ok")
			.containsPattern("auth-service\\s+isolation\\s+ok\\s+refused by product_db, cart_db, postgres, template1\n")
			.doesNotContain("warn");
	}

	@Test
	@Order(2)
	void theEmbeddedServerLetsTheSuperuserInWithItsPasswordOnly() throws Exception {
		Path passwordFile = this.isolation.state().resolve("postgres.env");
		assertThat(Files.getPosixFilePermissions(passwordFile))
			.isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		assertThatThrownBy(() -> DriverManager
			.getConnection("jdbc:postgresql://localhost:" + this.isolation.postgresPort() + "/postgres", "postgres", "")
			.close()).isInstanceOf(SQLException.class);
		try (Connection admin = adminConnection();
				Statement statement = admin.createStatement();
				ResultSet trusted = statement
					.executeQuery("SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")) {
			trusted.next();
			assertThat(trusted.getInt(1)).as("pg_hba.conf lines without SCRAM").isZero();
		}
	}

	/**
	 * PostgreSQL's log quotes a failed statement whole, the services' may quote what a
	 * request sent: each is readable by its owner only, as the env files are.
	 */
	@Test
	@Order(2)
	void everyLogIsReadableByItsOwnerOnly() throws Exception {
		List<Path> logs;
		try (java.util.stream.Stream<Path> listed = Files.list(this.isolation.state().resolve("logs"))) {
			logs = listed.toList();
		}
		List<String> names = logs.stream().map((log) -> log.getFileName().toString()).toList();

		assertThat(names).contains("postgres.log", StatusConsole.NAME + ".log")
			.containsAll(Machine.SERVICES.stream().map((service) -> service + ".log").toList());
		for (Path log : logs) {
			assertThat(Files.getPosixFilePermissions(log)).as(log.toString())
				.isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		}
	}

	@Test
	@Order(2)
	void servicesListenOnLoopbackOnly() throws Exception {
		for (int i = 0; i < Machine.SERVICES.size(); i++) {
			int port = this.isolation.basePort() + i + 1;

			assertThat(ListeningSockets.addressesListeningOn(port)).as(Machine.SERVICES.get(i) + " listens on")
				.isNotEmpty()
				.allMatch(ListeningSockets.LOOPBACK::contains);
		}
		assertThat(this.up.outputContains("http://127.0.0.1:" + (this.isolation.basePort() + 1))).isTrue();
	}

	@Test
	@Order(3)
	void leavesARowAndRemembersItsSecrets() throws Exception {
		try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE TABLE e2e_marker (note text NOT NULL)");
			statement.execute("INSERT INTO e2e_marker VALUES ('written by the first up')");
		}
		for (String file : new String[] { "env/auth.env", "env/product.env", "env/cart.env", "admin.env",
				"postgres.env" }) {
			this.filesAfterFirstRun.put(file, Files.readString(this.isolation.state().resolve(file)));
		}
		assertThat(DotEnvFile.read(this.isolation.state().resolve("admin.env"))).containsEntry("AUTH_ADMIN_EMAIL",
				"admin@storefront.local");
	}

	@Test
	@Order(4)
	void shopperRegistersLogsInAndFillsACart() throws Exception {
		String email = "shopper-" + System.nanoTime() + "@example.com";
		StorefrontHttp.Reply registered = this.http.post(url(0, "/auth/register"),
				"{\"email\":\"" + email + "\",\"password\":\"correct horse battery\",\"full_name\":\"Ada Shopper\"}",
				null);
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);

		String token = login(email, "correct horse battery");

		StorefrontHttp.Reply products = this.http.get(url(1, "/products?limit=5"));
		assertThat(products.status()).as(products.body()).isEqualTo(200);
		assertThat(products.json().path("total").asInt()).as("demo catalog").isGreaterThan(5);
		JsonNode product = products.json().path("items").get(0);
		long productId = product.path("id").asLong();

		StorefrontHttp.Reply added = this.http.post(url(2, "/cart/items"),
				"{\"product_id\":" + productId + ",\"quantity\":2}", token);
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		StorefrontHttp.Reply addedAgain = this.http.post(url(2, "/cart/items"),
				"{\"product_id\":" + productId + ",\"quantity\":1}", token);
		assertThat(addedAgain.status()).as(addedAgain.body()).isEqualTo(200);

		StorefrontHttp.Reply cart = this.http.get(url(2, "/cart"), token);
		assertThat(cart.status()).as(cart.body()).isEqualTo(200);
		JsonNode line = cart.json().path("items").get(0);
		assertThat(line.path("product_id").asLong()).isEqualTo(productId);
		assertThat(line.path("name").asString()).isEqualTo(product.path("name").asString());
		assertThat(line.path("quantity").asInt()).isEqualTo(3);
		BigDecimal price = product.path("price").decimalValue();
		assertThat(line.path("unit_price").decimalValue()).isEqualByComparingTo(price);
		assertThat(cart.json().path("total").decimalValue())
			.isEqualByComparingTo(price.multiply(BigDecimal.valueOf(3)));
		assertThat(this.http.get(url(2, "/cart")).status()).as("a cart needs a token").isEqualTo(401);
	}

	@Test
	@Order(5)
	void theAdminLoginUpPrintedWorks() throws Exception {
		Map<String, String> admin = DotEnvFile.read(this.isolation.state().resolve("admin.env"));
		String token = login(admin.get("AUTH_ADMIN_EMAIL"), admin.get("AUTH_ADMIN_PASSWORD"));

		StorefrontHttp.Reply me = this.http.get(url(0, "/auth/me"), token);
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json().path("roles").toString()).contains("admin");
		assertThat(this.up.outputContains(admin.get("AUTH_ADMIN_EMAIL"))).isTrue();
	}

	@Test
	@Order(6)
	void servicesRunWithTheProductionJvmDefaults() throws Exception {
		Map<String, String> lock = DotEnvFile.read(this.isolation.state().resolve("up.lock"));
		for (String service : Machine.SERVICES) {
			long pid = Long.parseLong(lock.get("service." + service));

			assertThat(ServiceCommandLine.of(pid)).as(service)
				.containsSubsequence("-Dspring.aot.enabled=true", "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
						"-XX:-ShrinkHeapInSteps", "-XX:MaxHeapFreeRatio=40", "-XX:TrimNativeHeapInterval=2000",
						"-XX:+ExitOnOutOfMemoryError", "-jar", runCopy(service).toString())
				.noneMatch((argument) -> argument.startsWith("-XX:AOTCache"));
			assertThat(runCopy(service)).as("the build's jar, copied so that a rebuild cannot touch it")
				.hasSameBinaryContentAs(this.isolation.root().resolve(service + "/target/" + service + ".jar"));
			assertThat(ServiceCommandLine.environment(pid)).as(service).containsEntry("MALLOC_ARENA_MAX", "2");
		}
	}

	/** The copy of the service's jar that {@code up} runs. */
	private Path runCopy(String service) {
		return this.isolation.state().resolve("jars/" + service + ".jar");
	}

	private String login(String email, String password) throws Exception {
		StorefrontHttp.Reply login = this.http.post(url(0, "/auth/login"),
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		assertThat(login.json().path("token_type").asString()).isEqualTo("bearer");
		return login.json().path("access_token").asString();
	}

	@Test
	@Order(10)
	void sigtermStopsEverything() throws Exception {
		Map<String, String> lock = DotEnvFile.read(this.isolation.state().resolve("up.lock"));
		for (String service : Machine.SERVICES) {
			this.pidsOfFirstRun.add(Long.parseLong(lock.get("service." + service)));
		}
		assertThat(lock).as("the console's process is recorded").containsKey("service." + StatusConsole.NAME);
		this.pidsOfFirstRun.add(Long.parseLong(lock.get("service." + StatusConsole.NAME)));
		this.pidsOfFirstRun.add(postmasterPid());
		this.pidsOfFirstRun.add(this.up.pid());

		int status = this.up.terminate(Duration.ofSeconds(90));

		assertThat(status).as(this.up.tail(30)).isZero();
		assertThat(this.up.outputContains("Stopping (SIGTERM): services first, then PostgreSQL")).isTrue();
		for (long pid : this.pidsOfFirstRun) {
			assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process " + pid).isEmpty();
		}
		assertThat(ProcessHandle.allProcesses()
			.filter((process) -> process.info().commandLine().orElse("").contains(this.isolation.state().toString())))
			.as("processes still using the state folder")
			.isEmpty();
		assertThat(this.isolation.state().resolve("up.lock")).doesNotExist();
		assertThat(this.isolation.state().resolve("pgdata/postmaster.pid")).doesNotExist();
		assertThat(PortCheck.isFree(this.isolation.postgresPort())).isTrue();
		for (int i = 0; i < Machine.SERVICES.size(); i++) {
			assertThat(PortCheck.isFree(this.isolation.basePort() + i + 1)).as(Machine.SERVICES.get(i) + "'s port")
				.isTrue();
		}
	}

	@Test
	@Order(11)
	void secondUpKeepsDataPasswordsAndAdminLogin() throws Exception {
		// the second run also shows that STOREFRONT_SERVICE_JAVA_OPTIONS replaces the
		// default tuning flags
		this.up = start("second-up",
				Map.of("STOREFRONT_SERVICE_JAVA_OPTIONS", " -Xmx200m  -XX:+UseSerialGC -Dstorefront.e2e=1 "));
		try {
			Map<String, String> lock = DotEnvFile.read(this.isolation.state().resolve("up.lock"));
			for (String service : Machine.SERVICES) {
				List<String> command = ServiceCommandLine.of(Long.parseLong(lock.get("service." + service)));
				assertThat(command.subList(1, command.size())).as(service)
					.containsExactly("-Dspring.aot.enabled=true", "-Xmx200m", "-XX:+UseSerialGC", "-Dstorefront.e2e=1",
							"-jar", runCopy(service).toString());
			}
			assertThat(this.up.outputContains("password kept")).isTrue();
			assertThat(this.up.outputContains("password new")).isFalse();
			for (Map.Entry<String, String> file : this.filesAfterFirstRun.entrySet()) {
				assertThat(Files.readString(this.isolation.state().resolve(file.getKey()))).as(file.getKey())
					.isEqualTo(file.getValue());
			}
			try (Connection admin = adminConnection();
					Statement statement = admin.createStatement();
					ResultSet row = statement.executeQuery("SELECT note FROM e2e_marker")) {
				assertThat(row.next()).isTrue();
				assertThat(row.getString(1)).isEqualTo("written by the first up");
			}
			for (int i = 0; i < Machine.SERVICES.size(); i++) {
				assertThat(this.http.get(url(i, "/health")).status()).isEqualTo(200);
			}
		}
		finally {
			assertThat(this.up.terminate(Duration.ofSeconds(90))).isZero();
		}
	}

	/**
	 * PostgreSQL killed under a running {@code up}: the services alone could only answer
	 * 503 for ever, so {@code up} says what happened and stops, and the next {@code up}
	 * starts on the recovered data.
	 */
	@Test
	@Order(12)
	void upStopsWhenItsPostgresqlDiesAndTheNextUpRecovers() throws Exception {
		this.up = start("third-up");
		long postmaster = postmasterPid();
		List<Long> services = new ArrayList<>();
		Map<String, String> lock = DotEnvFile.read(this.isolation.state().resolve("up.lock"));
		for (String service : Machine.SERVICES) {
			services.add(Long.parseLong(lock.get("service." + service)));
		}

		assertThat(ProcessHandle.of(postmaster).orElseThrow().destroyForcibly()).isTrue();
		int status = this.up.awaitExit(Duration.ofSeconds(90));

		assertThat(status).as(this.up.tail(30)).isEqualTo(1);
		assertThat(this.up.outputContains("the embedded PostgreSQL (pid " + postmaster + ") exited unexpectedly"))
			.as(this.up.tail(30))
			.isTrue();
		for (long pid : services) {
			assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("service process " + pid).isEmpty();
		}

		this.up = start("fourth-up");
		try {
			try (Connection admin = adminConnection();
					Statement statement = admin.createStatement();
					ResultSet row = statement.executeQuery("SELECT note FROM e2e_marker")) {
				assertThat(row.next()).isTrue();
			}
			for (int i = 0; i < Machine.SERVICES.size(); i++) {
				assertThat(this.http.get(url(i, "/health")).status()).isEqualTo(200);
			}
		}
		finally {
			assertThat(this.up.terminate(Duration.ofSeconds(90))).isZero();
		}
	}

	/**
	 * The embedded server and its env folder are {@code up}'s alone: with the folder
	 * gone, nobody else can hold the roles' old passwords, so {@code up} gives them new
	 * ones where {@code db provision} would refuse.
	 */
	@Test
	@Order(13)
	void anUpWhoseEnvFolderIsGoneGivesTheEmbeddedServersRolesNewPasswords() throws Exception {
		if (this.up.isAlive()) {
			assertThat(this.up.terminate(Duration.ofSeconds(90))).isZero();
		}
		FileSystemUtils.deleteRecursively(this.isolation.state().resolve("env"));

		this.up = start("up-without-env-files");
		try {
			assertThat(this.up.outputContains("password replaced (no earlier password in the env folder)"))
				.as(this.up.tail(30))
				.isTrue();
			for (int i = 0; i < Machine.SERVICES.size(); i++) {
				assertThat(this.http.get(url(i, "/health")).status()).isEqualTo(200);
			}
		}
		finally {
			assertThat(this.up.terminate(Duration.ofSeconds(90))).isZero();
		}
	}

	/** A service's URL: index 0 auth, 1 product, 2 cart. */
	String url(int service, String path) {
		return "http://localhost:" + (this.isolation.basePort() + service + 1) + path;
	}

	private RunningStorefront start(String name) throws Exception {
		return start(name, Map.of());
	}

	private RunningStorefront start(String name, Map<String, String> changes) throws Exception {
		return this.isolation.start(name, changes, START_LIMIT);
	}

	private Connection adminConnection() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + this.isolation.postgresPort() + "/postgres",
				"postgres", DotEnvFile.read(this.isolation.state().resolve("postgres.env")).get("PGPASSWORD"));
	}

	private long postmasterPid() throws IOException {
		return Long
			.parseLong(Files.readAllLines(this.isolation.state().resolve("pgdata/postmaster.pid")).get(0).strip());
	}

}
