package io.storefront.db.transaction;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.config.KnownServices;
import io.storefront.db.retry.RetryingTransactionTemplate;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case nobody can tell from the client's side made to happen: the commit is durable,
 * but its answer never arrives. A server whose commits wait for a synchronous standby
 * that does not exist writes the commit record, then waits; its session killed then, the
 * transaction has committed and the client hears only the lost connection. Asked by the
 * transaction's id, the server says it committed: the change is answered, not run a
 * second time over whatever other requests did meanwhile.
 */
@Tag("reliability")
class LostCommitResolutionTests {

	private static TestPostgres postgres;

	private static SampleService service;

	@BeforeAll
	static void serverWhoseCommitsCanBeMadeToWaitForAStandby() {
		// Commits wait for the standby only where a transaction asks for it
		// (synchronous_commit = on); all others, the service's own, do not.
		postgres = TestPostgres.dedicated(Map.of("synchronous_standby_names", "nobody", "synchronous_commit", "local"));
		service = SampleService.start("DATABASE_URL=" + postgres.databaseUrl(KnownServices.AUTH));
		jdbc().sql("CREATE TABLE lost_commit_counter (id integer PRIMARY KEY, n integer NOT NULL)").update();
		jdbc().sql("INSERT INTO lost_commit_counter VALUES (1, 0)").update();
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.close();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void aCommitMadeDurableButNeverAnsweredIsAnsweredNotRunAgain() {
		RetryingTransactionTemplate transactions = service.bean(RetryingTransactionTemplate.class);
		AtomicInteger runs = new AtomicInteger();

		// Not closed, which would wait: a second run would wait for the standby for ever.
		ExecutorService thread = Executors.newVirtualThreadPerTaskExecutor();
		try {
			CompletableFuture<Integer> change = CompletableFuture
				.supplyAsync(() -> transactions.executeIdempotent((status) -> {
					runs.incrementAndGet();
					jdbc().sql("SET LOCAL synchronous_commit = on").update();
					return jdbc().sql("UPDATE lost_commit_counter SET n = n + 1 WHERE id = 1 RETURNING n")
						.query(Integer.class)
						.single();
				}), thread);
			postgres.terminateSessionWaitingForStandby(KnownServices.AUTH);

			assertThat(change).as("the change's answer").succeedsWithin(Duration.ofSeconds(20)).isEqualTo(1);
		}
		finally {
			thread.shutdownNow();
		}
		assertThat(runs).as("runs of the change").hasValue(1);
		assertThat(jdbc().sql("SELECT n FROM lost_commit_counter WHERE id = 1").query(Integer.class).single())
			.as("stored")
			.isEqualTo(1);
	}

	private static JdbcClient jdbc() {
		return JdbcClient.create(service.bean(DataSource.class));
	}

}
