package io.storefront.launcher.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import io.storefront.db.provision.AdminConnection;
import io.storefront.db.provision.PasswordAuthentication;
import io.storefront.launcher.LauncherException;
import io.storefront.launcher.state.Processes;

/**
 * PostgreSQL 17 from the io.zonky binaries, its data kept in the state folder across runs (initdb runs
 * only when the folder has no {@code postgresql.conf}). Durable like a real server: zonky's test
 * defaults turn {@code fsync} and {@code synchronous_commit} off, this turns them back on, so a write
 * the services acknowledged survives a crash of the machine. Listens on localhost only.
 */
public final class EmbeddedServer implements DatabaseServer {

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private final int port;

	private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory, int port) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
		this.port = port;
	}

	public static EmbeddedServer start(Path dataDirectory, int port, Path log, Consumer<String> notes) {
		StalePostmaster.clear(dataDirectory, notes);
		boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
		try {
			Files.createDirectories(log.getParent());
			Files.createDirectories(dataDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create " + dataDirectory, ex);
		}
		notes.accept("Starting PostgreSQL 17 on localhost:" + port + " (data in " + dataDirectory
				+ (fresh ? ", initialising it now" : "") + ")…");
		long start = System.nanoTime();
		EmbeddedPostgres postgres;
		try {
			postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setPort(port)
				.setServerConfig("listen_addresses", "localhost")
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("max_connections", "300")
				.setLocaleConfig("locale", "C")
				.setPGStartupWait(Duration.ofSeconds(60))
				.setOutputRedirector(Redirect.appendTo(log.toFile()))
				.setErrorRedirector(Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException | RuntimeException ex) {
			throw new LauncherException("PostgreSQL did not start (" + ex.getMessage() + "); last lines of " + log
					+ ":\n" + String.join("\n", tail(log, 15)));
		}
		EmbeddedServer server = new EmbeddedServer(postgres, dataDirectory, port);
		try {
			PasswordAuthentication.require(server.admin());
		}
		catch (SQLException | IOException ex) {
			server.close();
			throw new LauncherException("could not configure password authentication of the embedded PostgreSQL: "
					+ ex.getMessage());
		}
		notes.accept(String.format(java.util.Locale.ROOT, "PostgreSQL ready in %.1f s.",
				(System.nanoTime() - start) / 1e9));
		return server;
	}

	@Override
	public AdminConnection admin() {
		return AdminConnection.parse("embedded PostgreSQL", "postgresql://postgres@localhost:" + this.port + "/postgres");
	}

	@Override
	public String describe() {
		return "PostgreSQL 17 embedded on localhost:" + this.port + ", data in " + this.dataDirectory;
	}

	/** The server's main process, from its {@code postmaster.pid}, while it runs. */
	public long postmasterPid() {
		try {
			List<String> lines = Files.readAllLines(this.dataDirectory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
			return lines.isEmpty() ? -1 : Processes.parsePid(lines.get(0));
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** A fast shutdown (clients disconnected, committed data kept); then makes sure the server is gone. */
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

	static List<String> tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
			return all.subList(Math.max(0, all.size() - lines), all.size());
		}
		catch (IOException | UncheckedIOException ex) {
			return List.of("(no log)");
		}
	}

}
