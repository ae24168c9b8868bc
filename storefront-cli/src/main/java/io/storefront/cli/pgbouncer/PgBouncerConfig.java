package io.storefront.cli.pgbouncer;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code pgbouncer.ini} for the services: transaction pooling, loopback only (no Unix
 * socket), SCRAM logins checked against {@code authFile}, the limits of a
 * {@link PgBouncerSizing}. It holds no secret.
 *
 * @param adminUser may run commands on the console ({@code RECONNECT}, {@code KILL}, …)
 * @param statsUsers may read the console's {@code SHOW} output: the services' roles, so
 * that {@code db check} reads the limits with a service's own login
 */
public record PgBouncerConfig(int listenPort, List<PooledDatabase> databases, PgBouncerSizing sizing, Path authFile,
		String adminUser, List<String> statsUsers) {

	public static final String LISTEN_ADDRESS = "127.0.0.1";

	public PgBouncerConfig {
		databases = List.copyOf(databases);
		statsUsers = List.copyOf(statsUsers);
	}

	public String ini(String header) {
		String lines = this.databases.stream().map(PooledDatabase::iniLine).collect(Collectors.joining("\n"));
		return """
				; %s
				; Budget: %d replica(s); clients %d (+%d for operators) = max_client_conn; server connections
				; %d databases x %d + %d migrations = %d of the server's %d usable.

				[databases]
				%s

				[pgbouncer]
				listen_addr = %s
				listen_port = %d
				; loopback TCP only
				unix_socket_dir =
				pool_mode = transaction
				auth_type = scram-sha-256
				auth_file = %s
				admin_users = %s
				stats_users = %s
				; the PostgreSQL driver sends it at start-up; PgBouncer would refuse the login otherwise
				ignore_startup_parameters = extra_float_digits
				; retry a failed server login after 1 s (default 15 s) so a restarted server is reached soon
				server_login_retry = 1
				; a client still waiting for a server connection after 10 s (default 120 s) is dropped: a client
				; that gave up while the server was frozen is not noticed and would hold its slot until then
				query_wait_timeout = 10
				default_pool_size = %d
				max_db_connections = %d
				min_pool_size = 0
				reserve_pool_size = 0
				max_client_conn = %d
				""".formatted(header, this.sizing.replicas(), this.sizing.clients(), PgBouncerSizing.OPERATOR_CLIENTS,
				this.sizing.databases(), this.sizing.poolSize(), this.sizing.directConnections(),
				this.sizing.serverConnections(), this.sizing.usable(), lines, LISTEN_ADDRESS, this.listenPort,
				this.authFile, this.adminUser, String.join(", ", this.statsUsers), this.sizing.poolSize(),
				this.sizing.poolSize(), this.sizing.maxClientConn());
	}

}
