package io.storefront.cli.pgbouncer;

import java.util.List;

import io.storefront.db.config.PoolSettings;

/**
 * The connection budget of a PgBouncer in transaction mode in front of one PostgreSQL, at
 * both levels. Clients: every replica of every service may open its whole pool
 * ({@code DATABASE_POOL_SIZE +
 * DATABASE_MAX_OVERFLOW}) plus the monitor's two connections, all through PgBouncer, so
 * {@code max_client_conn} must hold them (and a few operators: {@code db check}, the
 * console). Server: PgBouncer opens at most {@code poolSize} connections per database,
 * and Flyway's connection of each replica goes straight to PostgreSQL
 * ({@code DATABASE_MIGRATION_URL}); together they must fit in {@code max_connections}
 * less the reserved slots.
 *
 * @param replicas instances of each service
 * @param clients {@code replicas × Σ (pool maximum + monitor connections)}
 * @param maxClientConn {@code clients} plus {@link #OPERATOR_CLIENTS}
 * @param poolSize server connections per database ({@code default_pool_size} and
 * {@code max_db_connections})
 * @param databases how many databases PgBouncer serves
 * @param directConnections {@code replicas × databases}: the migrations' connections,
 * beside PgBouncer
 * @param usable the server's {@code max_connections} less its reserved slots
 */
public record PgBouncerSizing(int replicas, int clients, int maxClientConn, int poolSize, int databases,
		int directConnections, int usable) {

	/**
	 * The health monitor's own connections per service replica: one for /health, one for
	 * /health/detailed.
	 */
	public static final int MONITOR_CONNECTIONS = 2;

	/**
	 * Client slots kept for operators beside the services: {@code db check}, the admin
	 * console, psql.
	 */
	public static final int OPERATOR_CLIENTS = 10;

	/**
	 * Sizes PgBouncer for {@code pools} (one per database, the services' pool settings),
	 * each service running {@code replicas} times, in front of a server that lets
	 * ordinary roles open {@code usable} connections. A database gets as many server
	 * connections as one replica's pool and monitor may use at most, times the replicas,
	 * but no more than its equal share of what the server has left after the migrations'
	 * direct connections. The monitor's room matters: in transaction mode a pool whose
	 * every connection is in a long transaction (behind a lock) holds as many server
	 * connections, and a probe with none left would wait in PgBouncer's queue past its
	 * time limit, reporting a busy database as an outage.
	 * @throws IllegalArgumentException (one line, with the numbers) when not even one
	 * server connection per database is left
	 */
	public static PgBouncerSizing of(List<PoolSettings> pools, int replicas, int usable) {
		if (pools.isEmpty() || replicas < 1) {
			throw new IllegalArgumentException("PgBouncer needs at least one database and one replica");
		}
		int clients = replicas * pools.stream().mapToInt((pool) -> pool.maximumSize() + MONITOR_CONNECTIONS).sum();
		int databases = pools.size();
		int direct = replicas * databases;
		int share = (usable - direct) / databases;
		if (share < 1) {
			throw new IllegalArgumentException("PostgreSQL has " + usable + " usable connections (max_connections less"
					+ " reserved); " + replicas + " replica(s) of " + databases + " services need " + direct
					+ " for migrations plus at least 1 per database for PgBouncer: raise max_connections or lower --replicas");
		}
		int wanted = replicas
				* (pools.stream().mapToInt(PoolSettings::maximumSize).max().orElseThrow() + MONITOR_CONNECTIONS);
		int poolSize = Math.min(wanted, share);
		return new PgBouncerSizing(replicas, clients, clients + OPERATOR_CLIENTS, poolSize, databases, direct, usable);
	}

	/** What PgBouncer and the migrations may open on the server at most. */
	public int serverConnections() {
		return this.poolSize * this.databases + this.directConnections;
	}

}
