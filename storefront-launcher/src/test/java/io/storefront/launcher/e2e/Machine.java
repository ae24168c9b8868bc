package io.storefront.launcher.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.storefront.launcher.ports.PortCheck;

/** Where the end-to-end tests run: the checkout they start {@code ./storefront} from, and free ports. */
final class Machine {

	private Machine() {
	}

	static Path projectRoot() {
		for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
			if (Files.isRegularFile(folder.resolve("storefront")) && Files.isDirectory(folder.resolve("storefront-launcher"))) {
				return folder;
			}
		}
		throw new IllegalStateException("not inside the Storefront checkout");
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** A base whose next three ports are free (the services' ports are base+1..base+3). */
	static int freeBasePort() {
		Random random = new Random();
		for (int attempt = 0; attempt < 100; attempt++) {
			int base = 20000 + random.nextInt(20000);
			if (PortCheck.isFree(base + 1) && PortCheck.isFree(base + 2) && PortCheck.isFree(base + 3)) {
				return base;
			}
		}
		throw new IllegalStateException("no three free ports in a row");
	}

}
