package io.storefront.launcher.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import io.storefront.db.provision.AdminConnection;
import io.storefront.db.provision.PasswordAuthentication;
import io.storefront.launcher.LauncherException;
import io.storefront.launcher.process.Processes;
import io.storefront.launcher.state.PostgresSuperuser;
import io.storefront.launcher.privatefiles.PrivateFile;
import io.storefront.launcher.privatefiles.PrivateFolder;
import io.storefront.launcher.state.StateLayout;

/**
 * PostgreSQL 17 from the io.zonky binaries, its data kept in the state folder across runs
 * (initdb runs only when the folder has no {@code postgresql.conf}). Durable like a real
 * server: zonky's test defaults turn {@code fsync} and {@code synchronous_commit} off,
 * this turns them back on, so a write the services acknowledged survives a crash of the
 * machine. Listens on localhost only, and nobody logs in without a password, the
 * superuser included: its password is generated once and kept in {@code postgres.env}
 * ({@link PostgresSuperuser}), initdb gets it, and every login uses SCRAM. A data folder
 * from an earlier version, which trusted the superuser, is locked the same way on its
 * next start.
 */
public final class EmbeddedServer implements DatabaseServer {

	private static final String ZONKY_WORKING_DIRECTORY = "ot.epg.working-dir";

	private static final Duration RULES_RELOAD_LIMIT = Duration.ofSeconds(20);

	/**
	 * For each read of zonky's readiness probe: a server starting up answers within
	 * milliseconds.
	 */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private final PostgresSuperuser superuser;

	private final Optional<ProcessHandle> postmaster;

	private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory, PostgresSuperuser superuser) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
		this.superuser = superuser;
		this.postmaster = ProcessHandle.of(postmasterPid());
	}

	/**
	 * Starts the server of the state folder: its data in {@code pgdata}, initialised on
	 * the first start with a superuser password kept in {@code postgres.env}, its
	 * programs unpacked in {@code postgres-bin}.
	 * @return the running server, or empty when {@code stopRequested} said so while it
	 * started (what was started is stopped by then)
	 * @throws LauncherException when its port turns out taken (one line) or it did not
	 * start
	 */
	public static Optional<EmbeddedServer> start(StateLayout state, int port, Consumer<String> notes,
			BooleanSupplier stopRequested) {
		Path dataDirectory = state.postgresData();
		Path log = state.postgresLog();
		Path superuserFile = state.postgresEnv();
		Path binaries = PrivateFolder.of(state.postgresBinaries());
		StalePostmaster.clear(dataDirectory, notes);
		boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
		PostgresSuperuser superuser = superuser(dataDirectory, fresh, superuserFile, notes);
		try {
			Files.createDirectories(log.getParent());
			// zonky's redirect would create it readable by all
			PrivateFile.of(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + log, ex);
		}
		try {
			Files.createDirectories(dataDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + dataDirectory, ex);
		}
		notes.accept("Starting PostgreSQL 17 on localhost:" + port + " (data in " + dataDirectory
				+ (fresh ? ", initialising it now" : "") + ")…");
		long start = System.nanoTime();
		EmbeddedPostgres.Builder builder = builder(dataDirectory, binaries, port, log, superuser);
		Optional<EmbeddedPostgres> postgres = fresh
				? startFresh(builder, dataDirectory, port, log, superuser, stopRequested)
				: PostgresStart.run(builder, dataDirectory, port, log, stopRequested);
		if (postgres.isEmpty()) {
			return Optional.empty();
		}
		EmbeddedServer server = new EmbeddedServer(postgres.get(), dataDirectory, superuser);
		try {
			PasswordAuthentication.requireOfEveryone(server.admin(), superuser.user(), superuser.password());
			server.awaitPasswordRequired();
		}
		catch (SQLException | IOException ex) {
			server.close();
			throw new LauncherException("could not make the embedded PostgreSQL require passwords: " + ex.getMessage());
		}
		notes.accept(
				String.format(java.util.Locale.ROOT, "PostgreSQL ready in %.1f s.", (System.nanoTime() - start) / 1e9));
		return Optional.of(server);
	}

	/**
	 * The kept login, or a new one; refuses a data folder that already requires a
	 * password nobody kept (starting it would only end in a login failure after the
	 * start-up wait).
	 */
	private static PostgresSuperuser superuser(Path dataDirectory, boolean fresh, Path file, Consumer<String> notes) {
		Optional<PostgresSuperuser> kept = PostgresSuperuser.load(file);
		if (kept.isPresent()) {
			return kept.get();
		}
		if (!fresh) {
			if (!trustsSomeLogin(dataDirectory.resolve("pg_hba.conf"))) {
				throw new LauncherException(
						"the PostgreSQL data in " + dataDirectory + " needs its superuser's password,"
								+ " which was kept in " + file + "; that file is missing. Restore it, or remove "
								+ dataDirectory + " to start again with empty databases.");
			}
			notes.accept("note: the embedded PostgreSQL's superuser gets a password now (kept in " + file
					+ "); every login needs one from here on");
		}
		return PostgresSuperuser.create(file);
	}

	/**
	 * initdb with the superuser's password and SCRAM for every login from the start,
	 * never trust.
	 */
	private static Optional<EmbeddedPostgres> startFresh(EmbeddedPostgres.Builder builder, Path dataDirectory, int port,
			Path log, PostgresSuperuser superuser, BooleanSupplier stopRequested) {
		Path passwordFile = null;
		try {
			passwordFile = Files.createTempFile(log.getParent(), "initdb-", ".pw",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(passwordFile, superuser.password() + "\n", StandardCharsets.UTF_8);
			// zonky passes locale settings to initdb as --name=value; a later --auth
			// overrides its -A trust
			return PostgresStart.run(
					builder.setLocaleConfig("pwfile", passwordFile.toString()).setLocaleConfig("auth", "scram-sha-256"),
					dataDirectory, port, log, stopRequested);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write initdb's password file in " + log.getParent(), ex);
		}
		finally {
			deleteQuietly(passwordFile);
		}
	}

	private static EmbeddedPostgres.Builder builder(Path dataDirectory, Path binaries, int port, Path log,
			PostgresSuperuser superuser) {
		// zonky's own folder, read when a builder is made: by default the shared
		// java.io.tmpdir/embedded-pg, where on every start it stops (pg_ctl stop, which
		// signals the PID a postmaster.pid names) and deletes any stale-looking server it
		// finds, another user's planted folder included. Inside ours nobody else reaches
		// it.
		System.setProperty(ZONKY_WORKING_DIRECTORY, binaries.resolve("work").toString());
		return EmbeddedPostgres.builder()
			// zonky makes its working folder writable by all; inside ours, nobody else
			// reaches it
			.setOverrideWorkingDirectory(binaries.resolve("unpacked").toFile())
			.setPgBinaryResolver(new BinariesOf(binaries))
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(port)
			.setServerConfig("listen_addresses", "localhost")
			.setServerConfig("password_encryption", "scram-sha-256")
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.setServerConfig("max_connections", "300")
			.setLocaleConfig("locale", "C")
			// zonky's readiness probe logs in as the superuser
			.setConnectConfig("password", superuser.password())
			// and without these waits for ever on a program that took the port and
			// never answers
			.setConnectConfig("connectTimeout", Long.toString(PROBE_TIMEOUT.toSeconds()))
			.setConnectConfig("socketTimeout", Long.toString(PROBE_TIMEOUT.toSeconds()))
			.setPGStartupWait(Duration.ofSeconds(60))
			.setOutputRedirector(Redirect.appendTo(log.toFile()))
			.setErrorRedirector(Redirect.appendTo(log.toFile()));
	}

	/**
	 * Whether {@code pg_hba.conf} lets some login in without a password (as earlier
	 * versions wrote it).
	 */
	static boolean trustsSomeLogin(Path rules) {
		try {
			return Files.readAllLines(rules, StandardCharsets.UTF_8)
				.stream()
				.map((line) -> line.replaceFirst("#.*", "").strip())
				.anyMatch((line) -> List.of(line.split("\\s+")).contains("trust"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The rules apply once the server has reloaded them: wait until a login without
	 * password is refused.
	 */
	private void awaitPasswordRequired() throws SQLException {
		AdminConnection withoutPassword = AdminConnection.parse("embedded PostgreSQL",
				"postgresql://" + this.superuser.user() + "@localhost:" + this.postgres.getPort() + "/postgres");
		long deadline = System.nanoTime() + RULES_RELOAD_LIMIT.toNanos();
		while (letsIn(withoutPassword)) {
			if (System.nanoTime() > deadline) {
				throw new SQLException("a login without password was still let in " + RULES_RELOAD_LIMIT.toSeconds()
						+ " s after the rules were reloaded");
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("interrupted while waiting for the rules to apply", ex);
			}
		}
	}

	private static boolean letsIn(AdminConnection login) {
		try (Connection connection = login.open()) {
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	@Override
	public AdminConnection admin() {
		return AdminConnection.parse("embedded PostgreSQL", "postgresql://" + this.superuser.user() + ":"
				+ this.superuser.password() + "@localhost:" + this.postgres.getPort() + "/postgres");
	}

	@Override
	public String describe() {
		return "PostgreSQL 17 embedded on localhost:" + this.postgres.getPort() + ", data in " + this.dataDirectory;
	}

	@Override
	public Optional<String> exitedUnexpectedly() {
		return this.postmaster.filter((process) -> !process.isAlive())
			.map((process) -> "the embedded PostgreSQL (pid " + process.pid()
					+ ") exited unexpectedly; stopping the services. Run ./storefront up again: PostgreSQL "
					+ "recovers its data as it starts");
	}

	/** The server's main process, from its {@code postmaster.pid}, while it runs. */
	public long postmasterPid() {
		try {
			List<String> lines = Files.readAllLines(this.dataDirectory.resolve("postmaster.pid"),
					StandardCharsets.UTF_8);
			return lines.isEmpty() ? -1 : Processes.parsePid(lines.get(0));
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * A fast shutdown (clients disconnected, committed data kept); then makes sure the
	 * server is gone.
	 */
	@Override
	public void close() {
		long pid = postmasterPid();
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			// checked below
		}
		ProcessHandle.of(pid).ifPresent((postmaster) -> {
			if (!Processes.awaitExit(postmaster, Duration.ofSeconds(20))) {
				postmaster.destroyForcibly();
			}
		});
	}

	private static void deleteQuietly(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// owner-only, in the state folder; the next initdb writes its own
		}
	}

	/**
	 * zonky's binaries, remembered by zonky under this folder. zonky keeps, for the whole
	 * JVM, the folder it last unpacked into per resolver, and hands it to every later
	 * start with the same resolver: with its shared default resolver, a start would run
	 * the programs of another server started earlier in the same JVM, from wherever that
	 * one unpacked them, rather than from this state's private folder.
	 */
	private record BinariesOf(Path folder) implements PgBinaryResolver {

		@Override
		public InputStream getPgBinary(String system, String machineHardware) throws IOException {
			return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
		}

	}

}
