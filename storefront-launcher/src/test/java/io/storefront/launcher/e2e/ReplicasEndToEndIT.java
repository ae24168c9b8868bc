package io.storefront.launcher.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import io.storefront.db.testing.FreePorts;
import io.storefront.db.config.DotEnvFile;
import io.storefront.launcher.ports.PortCheck;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./storefront up --replicas 2} end to end: two replicas of each service on their
 * own ports, all through one PgBouncer in transaction mode in front of the embedded
 * PostgreSQL, behind HAProxy on the services' usual ports. One run, real HTTP to HAProxy
 * and to each replica directly, proves what issue 12 asks of replicas: they start
 * together on an empty database and migrate it once; a token from either auth replica is
 * accepted by every replica, also after one of them added a signing key; a refresh token
 * raced to both auth replicas is used once and its family revoked; concurrent adds to one
 * cart over both cart replicas lose nothing; a rolling restart under load loses no
 * request; the server never sees more connections per service than the budget; a
 * PgBouncer killed with SIGKILL is started again and the replicas recover; SIGTERM stops
 * it all in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasEndToEndIT {

	/**
	 * Six service JVMs starting at once on a small, busy machine (2 cores shared with
	 * other builds) took two minutes; up's own limit for a replica to be ready, at start
	 * and after a restart, is set below it.
	 */
	private static final Duration UP_TIMEOUT = Duration.ofMinutes(7);

	private static final Duration START_LIMIT = UP_TIMEOUT.plusMinutes(1);

	private static final Duration RESTART_LIMIT = UP_TIMEOUT;

	private static final int REPLICAS = 2;

	private static final int AUTH = 0;

	private static final int PRODUCT = 1;

	private static final int CART = 2;

	/**
	 * The monitor's own connections per replica: the /health probe and the detailed tests
	 * (docs/scaling-out.md).
	 */
	private static final int MONITOR_CONNECTIONS = 2;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PASSWORD = "correct horse battery";

	private final StorefrontHttp http = new StorefrontHttp();

	private IsolatedUp isolation;

	private int pgbouncerPort;

	private RunningStorefront up;

	private ServerConnectionSampler sampler;

	private String shopper;

	private long productId;

	@BeforeAll
	void startStorefrontWithTwoReplicas() throws Exception {
		this.isolation = IsolatedUp.create("storefront-e2e-replicas", REPLICAS);
		this.pgbouncerPort = FreePorts.any();
		this.up = this.isolation.start("replicas-up",
				Map.of("STOREFRONT_PGBOUNCER_PORT", Integer.toString(this.pgbouncerPort), "STOREFRONT_REPLICAS",
						Integer.toString(REPLICAS), "STOREFRONT_START_TIMEOUT", Long.toString(UP_TIMEOUT.toSeconds())),
				START_LIMIT);
		this.sampler = ServerConnectionSampler.start(
				"jdbc:postgresql://localhost:" + this.isolation.postgresPort() + "/postgres", "postgres",
				superuserPassword(), Machine.DATABASES);
	}

	@AfterAll
	void stopWhateverIsLeft() throws Exception {
		if (this.sampler != null) {
			this.sampler.close();
		}
		this.isolation.end(this.up);
	}

	@Test
	@Order(1)
	void replicasStartedTogetherOnTheEmptyDatabaseMigrateItOnceAndAllStart() throws Exception {
		Map<String, String> lock = DotEnvFile.read(this.isolation.state().resolve("up.lock"));
		for (int i = 0; i < Machine.SERVICES.size(); i++) {
			Instant first = startOf(Long.parseLong(lock.get("service." + Machine.SERVICES.get(i) + "#1")));
			Instant second = startOf(Long.parseLong(lock.get("service." + Machine.SERVICES.get(i) + "#2")));
			assertThat(Duration.between(first, second).abs())
				.as(Machine.SERVICES.get(i) + "'s replicas started apart by")
				.isLessThan(Duration.ofSeconds(3));
			int migrated = 0;
			for (int replica = 1; replica <= REPLICAS; replica++) {
				assertThat(this.http.get(replica(i, replica, "/health/ready")).status())
					.as(Machine.SERVICES.get(i) + "#" + replica)
					.isEqualTo(200);
				String log = Files.readString(
						this.isolation.state().resolve("logs/" + Machine.SERVICES.get(i) + "-" + replica + ".log"));
				if (log.contains("Successfully applied")) {
					migrated++;
				}
				else {
					assertThat(log).as(Machine.SERVICES.get(i) + "#" + replica + "'s log")
						.contains("No migration necessary");
				}
			}
			assertThat(migrated).as(Machine.SERVICES.get(i) + " replicas that applied the migrations").isOne();
			try (Connection admin = adminConnection(Machine.DATABASES.get(i));
					Statement statement = admin.createStatement();
					ResultSet history = statement.executeQuery("""
							SELECT count(*), count(DISTINCT version), bool_and(success)
							FROM flyway_schema_history WHERE version IS NOT NULL""")) {
				history.next();
				assertThat(history.getInt(1)).as(Machine.DATABASES.get(i) + " migrations applied").isPositive();
				assertThat(history.getInt(1)).as(Machine.DATABASES.get(i) + " migrations applied more than once")
					.isEqualTo(history.getInt(2));
				assertThat(history.getBoolean(3)).as(Machine.DATABASES.get(i) + " migrations all succeeded").isTrue();
			}
		}
	}

	@Test
	@Order(2)
	void anAccessTokenFromEitherAuthReplicaIsAcceptedByEveryProductAndCartReplica() throws Exception {
		this.shopper = "replica-shopper-" + System.nanoTime() + "@example.com";
		StorefrontHttp.Reply registered = this.http.post(replica(AUTH, 1, "/auth/register"),
				"{\"email\":\"" + this.shopper + "\",\"password\":\"" + PASSWORD + "\"}", null);
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		Map<String, String> admin = DotEnvFile.read(this.isolation.state().resolve("admin.env"));

		for (int issuer = 1; issuer <= REPLICAS; issuer++) {
			String user = login(replica(AUTH, issuer, "/auth/login"), this.shopper, PASSWORD).path("access_token")
				.asString();
			String adminToken = login(replica(AUTH, issuer, "/auth/login"), admin.get("AUTH_ADMIN_EMAIL"),
					admin.get("AUTH_ADMIN_PASSWORD"))
				.path("access_token")
				.asString();
			for (int replica = 1; replica <= REPLICAS; replica++) {
				String which = "token from auth#" + issuer + " at product#" + replica;
				StorefrontHttp.Reply created = this.http.post(replica(PRODUCT, replica, "/products"), newProduct(),
						adminToken);
				assertThat(created.status()).as(which + ": " + created.body()).isEqualTo(201);
				this.productId = created.json().path("id").asLong();
				StorefrontHttp.Reply refused = this.http.post(replica(PRODUCT, replica, "/products"), newProduct(),
						user);
				assertThat(refused.status()).as(which + " (a shopper's token is known, but not an admin's)")
					.isEqualTo(403);

				StorefrontHttp.Reply cart = this.http.get(replica(CART, replica, "/cart"), user);
				assertThat(cart.status()).as("token from auth#" + issuer + " at cart#" + replica + ": " + cart.body())
					.isEqualTo(200);
			}
		}
		String forged = login(balancer(AUTH, "/auth/login"), this.shopper, PASSWORD).path("access_token").asString();
		forged = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
		assertThat(this.http.get(replica(CART, 1, "/cart"), forged).status()).as("a forged signature").isEqualTo(401);
	}

	@Test
	@Order(3)
	void aRefreshTokenSentToBothAuthReplicasAtOnceIsUsedOnceAndItsFamilyRevoked() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(REPLICAS);
		try {
			for (int round = 0; round < 3; round++) {
				String refreshToken = login(replica(AUTH, 1, "/auth/login"), this.shopper, PASSWORD)
					.path("refresh_token")
					.asString();
				String body = "{\"refresh_token\":\"" + refreshToken + "\"}";
				CyclicBarrier together = new CyclicBarrier(REPLICAS);
				List<Future<StorefrontHttp.Reply>> replies = new ArrayList<>();
				for (int replica = 1; replica <= REPLICAS; replica++) {
					String url = replica(AUTH, replica, "/auth/refresh");
					replies.add(clients.submit(() -> {
						together.await();
						return this.http.post(url, body, null);
					}));
				}
				List<StorefrontHttp.Reply> answers = new ArrayList<>();
				for (Future<StorefrontHttp.Reply> reply : replies) {
					answers.add(reply.get());
				}
				assertThat(answers).as("round " + round + ": " + answers)
					.extracting(StorefrontHttp.Reply::status)
					.containsExactlyInAnyOrder(200, 401);
				StorefrontHttp.Reply winner = answers.stream()
					.filter((answer) -> answer.status() == 200)
					.findFirst()
					.get();
				String next = winner.json().path("refresh_token").asString();
				for (int replica = 1; replica <= REPLICAS; replica++) {
					StorefrontHttp.Reply revoked = this.http.post(replica(AUTH, replica, "/auth/refresh"),
							"{\"refresh_token\":\"" + next + "\"}", null);
					assertThat(revoked.status())
						.as("round " + round + ": the winner's next token at auth#" + replica
								+ " after the replay revoked its family: " + revoked.body())
						.isEqualTo(401);
				}
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	@Order(4)
	void concurrentAddsOfOneProductSpreadOverBothCartReplicasLoseNoQuantity() throws Exception {
		String token = login(balancer(AUTH, "/auth/login"), this.shopper, PASSWORD).path("access_token").asString();
		int adds = 20;
		ExecutorService clients = Executors.newFixedThreadPool(adds);
		try {
			CyclicBarrier together = new CyclicBarrier(adds);
			List<Future<StorefrontHttp.Reply>> replies = new ArrayList<>();
			for (int i = 0; i < adds; i++) {
				String url = replica(CART, 1 + i % REPLICAS, "/cart/items");
				Callable<StorefrontHttp.Reply> add = () -> {
					together.await();
					return this.http.post(url, "{\"product_id\":" + this.productId + ",\"quantity\":1}", token);
				};
				replies.add(clients.submit(add));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<StorefrontHttp.Reply> reply : replies) {
				StorefrontHttp.Reply answer = reply.get();
				assertThat(answer.status()).as(answer.body()).isIn(200, 201);
				statuses.add(answer.status());
			}
			assertThat(statuses).as("adds that created the line").containsOnlyOnce(201);
		}
		finally {
			clients.shutdownNow();
		}
		StorefrontHttp.Reply cart = this.http.get(balancer(CART, "/cart"), token);
		assertThat(cart.status()).as(cart.body()).isEqualTo(200);
		assertThat(cart.json().path("items")).hasSize(1);
		assertThat(cart.json().path("items").get(0).path("quantity").asInt()).isEqualTo(adds);
	}

	@Test
	@Order(5)
	void aSigningKeyAddedByOneAuthReplicaIsServedByTheOthersJwksAndAcceptedEverywhere() throws Exception {
		String before = keyId(
				login(replica(AUTH, 2, "/auth/login"), this.shopper, PASSWORD).path("access_token").asString());
		// an operator retires the active key; the next auth replica to start generates
		// and stores a new one
		try (Connection admin = adminConnection("auth_db"); Statement statement = admin.createStatement()) {
			assertThat(statement.executeUpdate("UPDATE signing_keys SET active = false WHERE active")).isOne();
		}
		restart(AUTH, 1);

		String token = login(replica(AUTH, 1, "/auth/login"), this.shopper, PASSWORD).path("access_token").asString();
		String added = keyId(token);
		assertThat(added).as("the restarted auth#1 signs with a new key").isNotEqualTo(before);
		awaitStatus(replica(AUTH, 2, "/auth/me"), token, 200, "auth#2 verifying a token signed with auth#1's new key");
		JsonNode keys = this.http.get(replica(AUTH, 2, "/.well-known/jwks.json")).json().path("keys");
		List<String> published = new ArrayList<>();
		keys.forEach((key) -> published.add(key.path("kid").asString()));
		assertThat(published).as("auth#2's JWKS").contains(added, before);
		for (int replica = 1; replica <= REPLICAS; replica++) {
			awaitStatus(replica(CART, replica, "/cart"), token, 200, "cart#" + replica + " with the new key");
		}
	}

	@Test
	@Order(6)
	void aRollingRestartUnderSteadyLoadThroughHaproxyLosesNoRequest() throws Exception {
		SteadyLoad load = SteadyLoad.start(4,
				List.of(balancer(PRODUCT, "/products/" + this.productId), balancer(PRODUCT, "/products?limit=5")));
		try {
			Thread.sleep(2000);
			restart(PRODUCT, 1);
			// back in rotation after HAProxy's rise checks (which a busy machine delays),
			// and serving for a while
			awaitHaproxyLog("product-service/product-service-1 is UP", Duration.ofSeconds(30));
			Thread.sleep(1000);
		}
		finally {
			load.stop();
		}
		assertThat(load.failures()).as("requests lost or answered other than 200 by HAProxy").isEmpty();
		assertThat(load.answered()).as("requests answered during the restart").isGreaterThan(50);
		assertThat(this.up.outputContains("product-service#1 exited with code 143; starting it again")).isTrue();
		String log = Files.readString(this.isolation.state().resolve("logs/product-service-1.log"));
		assertThat(log).as("product#1's log, kept across its restart").contains("draining");
		assertThat(log.split("Started ProductServiceApplication", -1)).as("starts in product#1's log").hasSize(3);
		assertThat(Files.readString(this.isolation.state().resolve("logs/haproxy.log")))
			.as("HAProxy took the replica out of rotation on its draining readiness, before it stopped listening")
			.contains("product-service/product-service-1 is DOWN, reason: Layer7 wrong status, code: 503")
			.contains("product-service/product-service-1 is UP");
	}

	/**
	 * The check {@code up} prints reads env files of the layout that runs, so it checks
	 * PgBouncer's clients and the server behind it, not a direct layout.
	 */
	@Test
	@Order(2)
	void theDbCheckUpPrintsChecksTheBudgetThroughPgBouncer() throws Exception {
		Path envDirectory = this.isolation.state().resolve("env-replicas");
		assertThat(this.up.lineContaining("check everything").orElseThrow()).contains("--env-dir " + envDirectory,
				"--replicas " + REPLICAS);
		IsolatedUp.Finished check = this.isolation.command("db", "check", "--http", "--env-dir",
				envDirectory.toString(), "--replicas", Integer.toString(REPLICAS));

		assertThat(check.status()).as(check.output()).isZero();
		assertThat(check.output()).contains("All checks passed.")
			.containsPattern("pgbouncer 127.0.0.1:" + this.pgbouncerPort + "\\s+budget\\s+ok")
			.containsPattern("budget\\s+ok\\s+\\d+ connections needed \\(PgBouncer's pools");
	}

	@Test
	@Order(7)
	void theServerNeverSawMoreConnectionsPerServiceThanTheReplicasPoolsAndMonitorsAllow() throws Exception {
		this.sampler.stop();
		assertThat(this.sampler.samples()).as("pg_stat_activity samples during the tests above").isGreaterThan(100);
		String pgbouncer = this.up.lineContaining("server connections per database").orElseThrow();
		Matcher serverPool = Pattern.compile("(\\d+) server connections per database").matcher(pgbouncer);
		assertThat(serverPool.find()).as(pgbouncer).isTrue();
		int pgbouncerPool = Integer.parseInt(serverPool.group(1));
		for (int i = 0; i < Machine.SERVICES.size(); i++) {
			JsonNode pool = this.http.get(replica(i, 1, "/health/detailed")).json().path("pool_status");
			int maximumPool = pool.path("maximum_pool_size").asInt();
			assertThat(maximumPool).isPositive();
			int budget = REPLICAS * (maximumPool + MONITOR_CONNECTIONS);
			int seen = this.sampler.largest(Machine.DATABASES.get(i));
			assertThat(seen).as(Machine.DATABASES.get(i) + ": server connections seen").isPositive();
			assertThat(seen).as(Machine.DATABASES.get(i) + ": replicas × (pool size + overflow) + monitor connections")
				.isLessThanOrEqualTo(budget);
			// PgBouncer opens at most its pool to the server; a replica starting adds its
			// direct start-up check and Flyway connection
			assertThat(seen)
				.as(Machine.DATABASES.get(i) + ": PgBouncer's server pool + a starting replica's direct connections")
				.isLessThanOrEqualTo(pgbouncerPool + 2);
		}
	}

	/**
	 * PgBouncer holds no state: killed, it is started again on its port with the same
	 * files, and every service's replicas, which stayed up, are ready again by
	 * themselves, and serve from their databases again through their pools (readiness
	 * alone asks only the monitor's connection).
	 */
	@Test
	@Order(8)
	void pgbouncerKilledWithSigkillIsStartedAgainAndTheReplicasRecoverByThemselves() throws Exception {
		Path lockFile = this.isolation.state().resolve("up.lock");
		long killed = Long.parseLong(DotEnvFile.read(lockFile).get("helper.pgbouncer"));

		assertThat(ProcessHandle.of(killed).orElseThrow().destroyForcibly()).as("SIGKILL to PgBouncer").isTrue();

		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		for (int service = 0; service < Machine.SERVICES.size(); service++) {
			for (int replica = 1; replica <= REPLICAS; replica++) {
				String url = replica(service, replica, "/health/ready");
				while (!this.up.outputContains("PgBouncer ready again") || !isReady(url)) {
					assertThat(System.nanoTime())
						.as("%s ready again after PgBouncer was killed:%n%s", url, this.up.tail(40))
						.isLessThan(deadline);
					Thread.sleep(250);
				}
			}
		}
		assertThat(this.up
			.outputContains("PgBouncer exited with code 137; starting it again on 127.0.0.1:" + this.pgbouncerPort))
			.as(this.up.tail(40))
			.isTrue();
		assertThat(Long.parseLong(DotEnvFile.read(lockFile).get("helper.pgbouncer"))).as("PgBouncer's PID in the lock")
			.isNotEqualTo(killed);
		for (int service = 0; service < Machine.SERVICES.size(); service++) {
			awaitStatus(balancer(service, "/health"), null, 200,
					Machine.SERVICES.get(service) + "'s /health through HAProxy");
		}
		for (int replica = 1; replica <= REPLICAS; replica++) {
			String token = awaitLogin(replica(AUTH, replica, "/auth/login")).path("access_token").asString();
			awaitStatus(replica(PRODUCT, replica, "/products/" + this.productId), null, 200,
					"product#" + replica + " reading a product after PgBouncer's restart");
			awaitStatus(replica(CART, replica, "/cart"), token, 200,
					"cart#" + replica + " reading a cart after PgBouncer's restart");
		}
	}

	/** A login (a read and a write of auth's database), tried for up to 30 s. */
	private JsonNode awaitLogin(String url) throws Exception {
		String credentials = "{\"email\":\"" + this.shopper + "\",\"password\":\"" + PASSWORD + "\"}";
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		StorefrontHttp.Reply login = this.http.post(url, credentials, null);
		while (login.status() != 200 && System.nanoTime() < deadline) {
			Thread.sleep(500);
			login = this.http.post(url, credentials, null);
		}
		assertThat(login.status()).as(url + " after PgBouncer's restart: " + login.body()).isEqualTo(200);
		return login.json();
	}

	@Test
	@Order(10)
	void sigtermStopsHaproxyTheReplicasPgbouncerThenPostgresql() throws Exception {
		Map<String, String> lock = DotEnvFile.read(this.isolation.state().resolve("up.lock"));
		List<Long> pids = new ArrayList<>();
		lock.forEach((key, value) -> {
			if (key.startsWith("service.") || (key.startsWith("helper.") && !key.endsWith(".marker"))) {
				pids.add(Long.parseLong(value));
			}
		});
		assertThat(lock).containsKeys("helper.haproxy", "helper.pgbouncer");
		pids.add(Long
			.parseLong(Files.readAllLines(this.isolation.state().resolve("pgdata/postmaster.pid")).get(0).strip()));

		int status = this.up.terminate(Duration.ofSeconds(120));

		assertThat(status).as(this.up.tail(30)).isZero();
		String output = this.up.tail(5000);
		assertThat(output).containsSubsequence("Stopping (SIGTERM): HAProxy, the services, PgBouncer, then PostgreSQL",
				"HAProxy stopped.", "Services stopped.", "PgBouncer stopped.", "PostgreSQL stopped.");
		for (long pid : pids) {
			assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("process " + pid).isEmpty();
		}
		assertThat(PortCheck.isFree(this.pgbouncerPort)).as("PgBouncer's port").isTrue();
		for (int i = 0; i < Machine.SERVICES.size(); i++) {
			assertThat(PortCheck.isFree(this.isolation.basePort() + i + 1))
				.as(Machine.SERVICES.get(i) + "'s HAProxy port")
				.isTrue();
			for (int replica = 1; replica <= REPLICAS; replica++) {
				assertThat(PortCheck.isFree(replicaPort(i, replica)))
					.as(Machine.SERVICES.get(i) + "#" + replica + "'s port")
					.isTrue();
			}
		}
	}

	/**
	 * A rolling restart's step: SIGTERM to the replica listening on its port; it must
	 * exit, and {@code up} start it again until it answers ready.
	 */
	private void restart(int service, int replica) throws Exception {
		String which = Machine.SERVICES.get(service) + "#" + replica;
		long pid = ListeningSockets.pidListeningOn(replicaPort(service, replica))
			.orElseThrow(() -> new AssertionError("nothing listens on " + which + "'s port"));
		ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
		assertThat(process.destroy()).as("SIGTERM to " + which).isTrue();
		assertThat(process.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS).isAlive()).as(which + " exited")
			.isFalse();
		long deadline = System.nanoTime() + RESTART_LIMIT.toNanos();
		while (!isReady(replica(service, replica, "/health/ready"))) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError(
						which + " was not started again within " + RESTART_LIMIT + ":\n" + this.up.tail(40));
			}
			Thread.sleep(250);
		}
		assertThat(ListeningSockets.pidListeningOn(replicaPort(service, replica))).as(which + " started again")
			.isPresent()
			.get()
			.isNotEqualTo(pid);
	}

	private boolean isReady(String url) throws InterruptedException {
		try {
			return this.http.get(url).status() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void awaitStatus(String url, String token, int expected, String what) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		StorefrontHttp.Reply reply = this.http.get(url, token);
		while (reply.status() != expected && System.nanoTime() < deadline) {
			Thread.sleep(500);
			reply = this.http.get(url, token);
		}
		assertThat(reply.status()).as(what + ": " + reply.body()).isEqualTo(expected);
	}

	private JsonNode login(String url, String email, String password) throws Exception {
		StorefrontHttp.Reply login = this.http.post(url,
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
		assertThat(login.status()).as(url + ": " + login.body()).isEqualTo(200);
		return login.json();
	}

	private static String keyId(String jwt) {
		byte[] header = Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')));
		return JSON.readTree(new String(header, StandardCharsets.UTF_8)).path("kid").asString();
	}

	private static String newProduct() {
		return "{\"sku\":\"E2E-REPLICAS-" + System.nanoTime() + "\",\"name\":\"Replicated lamp\",\"price\":12.50,"
				+ "\"currency\":\"USD\",\"stock\":100000,\"category\":\"E2E\"}";
	}

	private static Instant startOf(long pid) {
		return ProcessHandle.of(pid).orElseThrow().info().startInstant().orElseThrow();
	}

	/**
	 * Service 0 auth, 1 product, 2 cart: through HAProxy, on the service's usual port.
	 */
	private String balancer(int service, String path) {
		return "http://127.0.0.1:" + (this.isolation.basePort() + service + 1) + path;
	}

	private String replica(int service, int replica, String path) {
		return "http://127.0.0.1:" + replicaPort(service, replica) + path;
	}

	private int replicaPort(int service, int replica) {
		return this.isolation.basePort() + 10 * (service + 1) + replica;
	}

	/**
	 * The start-up cache is off here (AotCacheEndToEndIT covers it): its training would
	 * add minutes.
	 */
	private String superuserPassword() {
		return DotEnvFile.read(this.isolation.state().resolve("postgres.env")).get("PGPASSWORD");
	}

	private Connection adminConnection(String database) throws SQLException {
		return DriverManager.getConnection(
				"jdbc:postgresql://localhost:" + this.isolation.postgresPort() + "/" + database, "postgres",
				superuserPassword());
	}

	private void awaitHaproxyLog(String line, Duration limit) throws Exception {
		Path log = this.isolation.state().resolve("logs/haproxy.log");
		long deadline = System.nanoTime() + limit.toNanos();
		while (!(Files.exists(log) && Files.readString(log).contains(line)) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
	}

}
