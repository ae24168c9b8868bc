package io.storefront.launcher.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import io.storefront.launcher.LauncherException;

/**
 * A {@code postmaster.pid} left in the data folder by a run that was killed: either the
 * server it names is still running (orphaned; it is shut down, fast, so this run can
 * start its own) or it is gone (the file is removed). Only a server of this data folder
 * is stopped ({@link Postmaster}).
 */
public final class StalePostmaster {

	private StalePostmaster() {
	}

	public static void clear(Path dataDirectory, Consumer<String> notes) {
		Path pidFile = Postmaster.pidFile(dataDirectory);
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		long pid = Postmaster.namedPid(dataDirectory);
		Optional<ProcessHandle> orphan = Postmaster.running(dataDirectory);
		if (orphan.isPresent()) {
			notes.accept("note: stopping PostgreSQL left running by an earlier run (PID " + pid + ")");
			if (!Postmaster.fastShutdown(orphan.get())) {
				throw new LauncherException("PostgreSQL left running by an earlier run (PID " + pid
						+ ") did not stop; stop it and try again");
			}
		}
		else {
			notes.accept(
					"note: removing stale " + pidFile + " (PID " + ((pid > 0) ? pid : "?") + " is no longer running)");
		}
		try {
			Files.deleteIfExists(pidFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot remove " + pidFile, ex);
		}
	}

}
