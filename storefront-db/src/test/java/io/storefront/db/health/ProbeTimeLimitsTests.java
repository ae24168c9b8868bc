package io.storefront.db.health;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.DatabaseTuning;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.db.testing.DefaultTuning;
import io.storefront.db.testing.TcpProxy;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's connection keeps its own time limits whatever {@code DATABASE_URL} sets
 * for the pool: a probe on a connection the network lost ends within a few seconds of the
 * health limit, so that the next probe can see the database come back. (The caller of
 * {@code /health} hears within the limit itself: {@code ConnectivityProbe}.)
 */
@Tag("reliability")
class ProbeTimeLimitsTests {

	@Test
	void aProbeOnALostConnectionEndsWithinTheHealthLimitWhateverTheUrlSays() throws Exception {
		TestPostgres postgres = TestPostgres.shared();
		DatabaseTuning tuning = DefaultTuning.get();
		// Its read, then a connection that is accepted but never answered, each within
		// the health limit and a second; one more second for a loaded machine.
		Duration mostAProbeTakes = tuning.healthTimeout().plusSeconds(1).multipliedBy(2).plusSeconds(1);
		try (TcpProxy network = new TcpProxy("127.0.0.1", postgres.port())) {
			String url = postgres.account(KnownServices.AUTH).databaseUrl("127.0.0.1", network.port())
					+ "?socketTimeout=0&connectTimeout=600&loginTimeout=600";
			DatabaseSettings settings = StorefrontSettings.read(KnownServices.AUTH, Map.of("DATABASE_URL", url)::get)
				.database();
			try (ProbeConnection probe = new ProbeConnection("probe-time-limits-test", settings, tuning)) {
				assertThat(selectOne(probe)).isEqualTo(1);

				network.partition();
				try {
					long started = System.nanoTime();
					CompletableFuture<Integer> lost = CompletableFuture.supplyAsync(() -> selectOne(probe));

					assertThat(lost).as("a probe on a lost connection").failsWithin(mostAProbeTakes.plusSeconds(5));
					assertThat(Duration.ofNanos(System.nanoTime() - started))
						.as("a probe with a %s health limit", tuning.healthTimeout())
						.isLessThan(mostAProbeTakes);
				}
				finally {
					// Also lets a probe that did not end go, so that closing it does not
					// wait.
					network.heal();
				}
				assertThat(CompletableFuture.supplyAsync(() -> selectOne(probe)).get(10, TimeUnit.SECONDS))
					.as("the next probe, once the network is back")
					.isEqualTo(1);
			}
		}
	}

	private static int selectOne(ProbeConnection probe) {
		try {
			return probe.use((connection) -> {
				try (PreparedStatement statement = connection.prepareStatement("SELECT 1");
						ResultSet row = statement.executeQuery()) {
					row.next();
					return row.getInt(1);
				}
			});
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
