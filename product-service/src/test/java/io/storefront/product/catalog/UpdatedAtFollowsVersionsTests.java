package io.storefront.product.catalog;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.product.ProductApiTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A product's {@code updated_at} moves forward with its version, so that a client that
 * orders or syncs by it sees the versions in their order. A write that waited for another
 * one's lock was stamped with the time its transaction began, before the write it waited
 * for.
 */
class UpdatedAtFollowsVersionsTests extends ProductApiTestSupport {

	@Autowired
	DataSource dataSource;

	@Test
	void aPutThatWaitedForAnotherWriteIsStampedAfterIt() throws Exception {
		long id = create(product(unique("UPD"), "Waits its turn", "updated-at")).get("id").asLong();
		Instant other;
		CompletableFuture<HttpResponse<String>> put;
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement lock = connection
				.prepareStatement("SELECT 1 FROM products WHERE id = ? FOR UPDATE")) {
				lock.setLong(1, id);
				lock.executeQuery().close();
			}
			int locker = pid(connection);
			put = CompletableFuture.supplyAsync(() -> send("PUT", "/products/" + id, tokens.admin(),
					product(unique("UPD"), "Written second", "updated-at").toString()));
			await().atMost(Duration.ofSeconds(20)).until(() -> aWriteWaitsFor(locker));
			try (PreparedStatement write = connection.prepareStatement("""
					UPDATE products SET version = version + 1, updated_at = clock_timestamp() WHERE id = ?
					RETURNING updated_at""")) {
				write.setLong(1, id);
				try (ResultSet row = write.executeQuery()) {
					row.next();
					other = row.getTimestamp(1).toInstant();
				}
			}
			connection.commit();
		}

		HttpResponse<String> written = put.get();

		assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
		assertThat(Instant.parse(body(written).get("updated_at").asString()))
			.as("the later version's time, against the earlier's %s", other)
			.isAfter(other);
	}

	@Test
	void aPutAfterAWriteStampedAheadOfTheClockIsStampedLaterStill() {
		long id = create(product(unique("UPD"), "Ahead", "updated-at")).get("id").asLong();
		Instant ahead = this.jdbc
			.sql("UPDATE products SET updated_at = now() + interval '1 hour' WHERE id = :id RETURNING updated_at")
			.param("id", id)
			.query(Timestamp.class)
			.single()
			.toInstant();

		HttpResponse<String> written = send("PUT", "/products/" + id, tokens.admin(),
				product(unique("UPD"), "After", "updated-at").toString());

		assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
		assertThat(Instant.parse(body(written).get("updated_at").asString())).isAfter(ahead);
	}

	private boolean aWriteWaitsFor(int locker) {
		return this.jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE :locker = ANY (pg_blocking_pids(pid))")
			.param("locker", locker)
			.query(Integer.class)
			.single() > 0;
	}

	private static int pid(Connection connection) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT pg_backend_pid()");
				ResultSet row = query.executeQuery()) {
			row.next();
			return row.getInt(1);
		}
	}

}
