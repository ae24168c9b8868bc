package io.storefront.auth.key;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Instances starting together on an empty database: each finds no key, generates one and
 * tries to store it; the database lets exactly one through and everyone signs with that
 * one. Runs on a private PostgreSQL so the key table really starts empty.
 */
class SigningKeyRaceTests {

	private static TestPostgres postgres;

	private static DataSource database;

	@BeforeAll
	static void emptyDatabase() {
		postgres = TestPostgres.dedicated();
		// Every call opens its own connection, as separate instances would.
		database = new SimpleDriverDataSource(new Driver(),
				"jdbc:postgresql://localhost:" + postgres.port() + "/postgres", "postgres", "");
		Flyway.configure().dataSource(database).load().migrate();
	}

	/** Every race starts from an empty key table, whichever test method ran before. */
	@BeforeEach
	void noKeys() {
		JdbcClient.create(database).sql("DELETE FROM signing_keys").update();
	}

	@AfterAll
	static void stop() {
		postgres.stop();
	}

	@Test
	void instancesStartingTogetherEndUpWithOneActiveKey() throws Exception {
		JdbcClient jdbc = JdbcClient.create(database);
		assertThat(jdbc.sql("SELECT count(*) FROM signing_keys").query(Long.class).single()).isZero();
		int instances = 8;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> kids = new ArrayList<>();
		List<String> seen = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(instances)) {
			for (int i = 0; i < instances; i++) {
				kids.add(pool.submit(() -> {
					SigningKeyRepository repository = new SigningKeyRepository(JdbcClient.create(database));
					start.await();
					return SigningKeys.activeOrCreate(repository).getKeyID();
				}));
			}
			start.countDown();
			for (Future<String> kid : kids) {
				seen.add(kid.get());
			}
		}
		// The table cannot hold two active keys (a unique index): what the race could get
		// wrong is instances signing with keys of their own, or with one never stored.
		assertThat(seen).hasSize(instances).containsOnly(seen.get(0));
		assertThat(jdbc.sql("SELECT kid FROM signing_keys WHERE active").query(String.class).single())
			.isEqualTo(seen.get(0));

		String again = SigningKeys.activeOrCreate(new SigningKeyRepository(jdbc)).getKeyID();
		assertThat(jdbc.sql("SELECT kid FROM signing_keys WHERE active").query(String.class).single()).isEqualTo(again);
	}

	@Test
	void theDatabaseRefusesASecondActiveKey() {
		JdbcClient jdbc = JdbcClient.create(database);
		SigningKeys.activeOrCreate(new SigningKeyRepository(jdbc));

		assertThatThrownBy(
				() -> jdbc.sql("INSERT INTO signing_keys (kid, private_key_pem, active) VALUES ('x', 'y', true)")
					.update())
			.isInstanceOf(DuplicateKeyException.class);
	}

}
