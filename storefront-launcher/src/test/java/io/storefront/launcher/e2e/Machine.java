package io.storefront.launcher.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;

import io.storefront.launcher.ports.PortCheck;

/**
 * Where the end-to-end tests run: the checkout they start {@code ./storefront} from, and
 * free ports.
 */
final class Machine {

	private Machine() {
	}

	static Path projectRoot() {
		for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
			if (Files.isRegularFile(folder.resolve("storefront"))
					&& Files.isDirectory(folder.resolve("storefront-launcher"))) {
				return folder;
			}
		}
		throw new IllegalStateException("not inside the Storefront checkout");
	}

	/** A free port, below the ephemeral range like the services' (see below). */
	static int freePort() throws IOException {
		Random random = new Random();
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = LOWEST_BASE + random.nextInt(32768 - LOWEST_BASE);
			if (PortCheck.isFree(port)) {
				return port;
			}
		}
		throw new IOException("no free port below the ephemeral range");
	}

	/**
	 * A free base (the status console's port) whose next three ports are free (the
	 * services' ports).
	 */
	// Below Linux's ephemeral range (32768 up): a port that is free now can otherwise be
	// taken by some client's outgoing connection before the service binds it, as a CI run
	// saw. The highest replica port is base + 39.
	private static final int LOWEST_BASE = 10000;

	private static final int HIGHEST_BASE = 32768 - 40;

	static int freeBasePort() {
		return freeBasePort(1);
	}

	/**
	 * A free base (the status console's port) whose services' ports (base+1..base+3) are
	 * free, and with more than one replica also the replicas' ports (base+10i+r for
	 * service i from 1 and replica r from 1).
	 */
	static int freeBasePort(int replicas) {
		Random random = new Random();
		for (int attempt = 0; attempt < 100; attempt++) {
			int base = LOWEST_BASE + random.nextInt(HIGHEST_BASE - LOWEST_BASE);
			if (PortCheck.isFree(base) && IntStream.rangeClosed(1, 3)
				.allMatch((service) -> PortCheck.isFree(base + service)
						&& (replicas == 1 || IntStream.rangeClosed(1, replicas)
							.allMatch((replica) -> PortCheck.isFree(base + 10 * service + replica))))) {
				return base;
			}
		}
		throw new IllegalStateException("no free ports for the services and " + replicas + " replicas of each");
	}

}
