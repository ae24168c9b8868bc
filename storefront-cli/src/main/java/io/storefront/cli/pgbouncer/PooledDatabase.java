package io.storefront.cli.pgbouncer;

/**
 * One line of PgBouncer's {@code [databases]}: clients ask for {@code name}, PgBouncer
 * opens it on PostgreSQL at {@code serverHost:serverPort}.
 */
public record PooledDatabase(String name, String serverHost, int serverPort) {

	String iniLine() {
		return this.name + " = host=" + this.serverHost + " port=" + this.serverPort + " dbname=" + this.name;
	}

}
