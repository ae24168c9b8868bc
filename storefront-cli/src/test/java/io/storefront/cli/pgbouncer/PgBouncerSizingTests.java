package io.storefront.cli.pgbouncer;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.storefront.db.config.PoolSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The worked example of docs/scaling-out.md: the defaults in front of a stock PostgreSQL
 * (100 - 3 reserved).
 */
class PgBouncerSizingTests {

	private static final PoolSettings DEFAULTS = new PoolSettings(10, 20, Duration.ofSeconds(30), Duration.ZERO);

	private static final List<PoolSettings> THREE_SERVICES = List.of(DEFAULTS, DEFAULTS, DEFAULTS);

	@Test
	void oneReplicaGetsItsWholePoolAndRoomForItsMonitorOnTheServer() {
		PgBouncerSizing sizing = PgBouncerSizing.of(THREE_SERVICES, 1, 197);

		assertThat(sizing.clients()).isEqualTo(96);
		assertThat(sizing.maxClientConn()).isEqualTo(106);
		assertThat(sizing.poolSize()).as("30 for the pool and 2 for the monitor").isEqualTo(32);
		assertThat(sizing.serverConnections()).isEqualTo(99);
	}

	@Test
	void aSmallerServerCapsOneReplicaAtItsShare() {
		PgBouncerSizing sizing = PgBouncerSizing.of(THREE_SERVICES, 1, 97);

		assertThat(sizing.poolSize()).as("(97 - 3) / 3, still one more than the pool").isEqualTo(31);
		assertThat(sizing.serverConnections()).isEqualTo(96);
	}

	@Test
	void threeReplicasShareWhatTheServerHasLeftAfterTheMigrations() {
		PgBouncerSizing sizing = PgBouncerSizing.of(THREE_SERVICES, 3, 97);

		assertThat(sizing.clients()).isEqualTo(288);
		assertThat(sizing.maxClientConn()).isEqualTo(298);
		assertThat(sizing.directConnections()).isEqualTo(9);
		assertThat(sizing.poolSize()).isEqualTo(29);
		assertThat(sizing.serverConnections()).isEqualTo(96).isLessThanOrEqualTo(97);
	}

	@Test
	void smallerPoolsAskForLessThanTheirShare() {
		PoolSettings small = new PoolSettings(2, 3, Duration.ofSeconds(30), Duration.ZERO);

		PgBouncerSizing sizing = PgBouncerSizing.of(List.of(small, small, small), 2, 97);

		assertThat(sizing.poolSize()).isEqualTo(2 * (5 + 2));
		assertThat(sizing.clients()).isEqualTo(2 * 3 * 7);
	}

	@Test
	void aServerTooSmallForTheMigrationsAndOneConnectionPerDatabaseIsRefusedWithTheNumbers() {
		assertThatIllegalArgumentException().isThrownBy(() -> PgBouncerSizing.of(THREE_SERVICES, 32, 97))
			.withMessage("PostgreSQL has 97 usable connections (max_connections less reserved); 32 replica(s) of 3"
					+ " services need 96 for migrations plus at least 1 per database for PgBouncer: raise"
					+ " max_connections or lower --replicas");
	}

}
