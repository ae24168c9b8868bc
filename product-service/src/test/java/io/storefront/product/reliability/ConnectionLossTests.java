package io.storefront.product.reliability;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.storefront.db.testing.TestPostgres;
import io.storefront.product.ProductApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's sessions killed on the server ({@code pg_terminate_backend}, as an
 * operator or a failover would): the pool replaces them, and reads, which are safe to
 * repeat, never fail because of it: a read whose connection dies under it is run again on
 * a fresh one. So is a write whose connection dies before its commit.
 */
@Tag("reliability")
@ExtendWith(OutputCaptureExtension.class)
class ConnectionLossTests extends ProductApiTestSupport {

	@Test
	void readsUnderLoadAllSucceedWhileEverySessionOfTheServiceIsKilledAgainAndAgain() throws Exception {
		String category = unique("killed");
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(create(product(unique("SKU-KILL"), "Killable product " + i, category)).get("id").asLong());
		}
		HttpLoad load = HttpLoad.start(6, (client, n) -> (n % 2 == 0)
				? "/products/" + ids.get((client + n) % ids.size()) : "/products?category=" + category + "&limit=10",
				this::get);

		int killed = 0;
		for (int round = 0; round < 3; round++) {
			Thread.sleep(700);
			killed += TestPostgres.shared().terminateSessionsOf("product_svc");
		}
		Thread.sleep(700);
		List<HttpLoad.Answer> answers = load.stop();

		assertThat(killed).as("sessions killed, pool and monitor").isGreaterThanOrEqualTo(6);
		assertThat(answers).hasSizeGreaterThan(30);
		assertThat(answers).as("no read failed, and each answered what it asked for").allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			JsonNode read = json.readTree(answer.body());
			if (answer.path().startsWith("/products/")) {
				assertThat(answer.path()).isEqualTo("/products/" + read.get("id").asLong());
			}
			else {
				assertThat(read.get("total").asLong()).as(answer.toString()).isEqualTo(ids.size());
			}
		});
		assertThat(get("/health").statusCode()).isEqualTo(200);
	}

	/**
	 * Deterministic: the read waits on a table lock, its session is killed while it
	 * waits, and the second attempt (a new session) answers once the lock is released.
	 */
	@Test
	void aReadWhoseSessionIsKilledWhileItRunsIsRunAgainAndAnswers(CapturedOutput output) throws Exception {
		long id = create(product(unique("SKU-LOCK"), "Locked product", unique("locked"))).get("id").asLong();
		TestPostgres postgres = TestPostgres.shared();
		try (Connection locker = postgres.adminConnection("product_db");
				Connection watcher = postgres.adminConnection("product_db")) {
			locker.setAutoCommit(false);
			execute(locker, "LOCK TABLE products IN ACCESS EXCLUSIVE MODE");
			CompletableFuture<HttpResponse<String>> read = CompletableFuture.supplyAsync(() -> get("/products/" + id));
			int first = Sessions.awaitWaitingOnLock(watcher, "product_svc", List.of());

			execute(watcher, "SELECT pg_terminate_backend(" + first + ")");
			int second = Sessions.awaitWaitingOnLock(watcher, "product_svc", List.of(first));
			locker.commit();

			HttpResponse<String> response = read.get(20, TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(body(response).get("id").asLong()).isEqualTo(id);
			assertThat(second).isNotEqualTo(first);
		}
		assertThat(output.getOut()).contains("product-service - read retried once: its database connection was lost "
				+ "(terminating connection due to administrator command)");
		assertThat(get("/metrics").body()).containsPattern("storefront_db_read_retries_total\\{[^}]*\\} [1-9]");
	}

	/**
	 * Deterministic, as above: the create waits on a table lock inside its transaction,
	 * its session is killed before the commit, and the transaction is run again on a new
	 * session: 201, and the product saved once.
	 */
	@Test
	void aWriteWhoseSessionIsKilledBeforeItsCommitIsRunAgainAndSavedOnce(CapturedOutput output) throws Exception {
		String sku = unique("SKU-RETRY");
		TestPostgres postgres = TestPostgres.shared();
		try (Connection locker = postgres.adminConnection("product_db");
				Connection watcher = postgres.adminConnection("product_db")) {
			locker.setAutoCommit(false);
			execute(locker, "LOCK TABLE products IN ACCESS EXCLUSIVE MODE");
			CompletableFuture<HttpResponse<String>> write = CompletableFuture.supplyAsync(() -> send("POST",
					"/products", tokens.admin(), product(sku, "Retried product", unique("retried")).toString()));
			int first = Sessions.awaitWaitingOnLock(watcher, "product_svc", List.of());

			execute(watcher, "SELECT pg_terminate_backend(" + first + ")");
			Sessions.awaitWaitingOnLock(watcher, "product_svc", List.of(first));
			locker.commit();

			HttpResponse<String> response = write.get(20, TimeUnit.SECONDS);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM products WHERE sku = :sku")
			.param("sku", sku)
			.query(Integer.class)
			.single()).isOne();
		assertThat(output.getOut()).contains("product-service - transaction retried once: its database connection was "
				+ "lost before the commit (terminating connection due to administrator command)");
		assertThat(get("/metrics").body()).containsPattern("storefront_db_transaction_retries_total\\{[^}]*\\} [1-9]");
	}

	/**
	 * A statement the server cancels (its query timeout passed while it waited on a lock,
	 * here an operator's {@code pg_cancel_backend}, which ends it the same way) is not a
	 * lost database: the 503 says what happened, and asks the client to wait longer than
	 * a second before it comes back to the same lock.
	 */
	@Test
	void aWriteCancelledWhileItWaitsOnALockIsA503ThatSaysSo() throws Exception {
		long id = create(product(unique("SKU-CANCEL"), "Cancelled update", unique("cancelled"))).get("id").asLong();
		TestPostgres postgres = TestPostgres.shared();
		try (Connection locker = postgres.adminConnection("product_db");
				Connection watcher = postgres.adminConnection("product_db")) {
			locker.setAutoCommit(false);
			execute(locker, "LOCK TABLE products IN ACCESS EXCLUSIVE MODE");
			CompletableFuture<HttpResponse<String>> write = CompletableFuture.supplyAsync(() -> send("PUT",
					"/products/" + id, tokens.admin(), product(unique("SKU-CANCEL"), "Renamed", "x").toString()));
			int waiting = Sessions.awaitWaitingOnLock(watcher, "product_svc", List.of());

			execute(watcher, "SELECT pg_cancel_backend(" + waiting + ")");
			HttpResponse<String> response = write.get(20, TimeUnit.SECONDS);
			locker.rollback();

			assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
			assertThat(body(response).get("detail").asString())
				.isEqualTo("the database did not finish the request in time (a long query, or data another "
						+ "transaction holds); retry later");
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
