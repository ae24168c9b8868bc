package io.storefront.db.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for the servers a test starts, and for a test that needs a port nothing
 * listens on. They are chosen below Linux's ephemeral range (32768 up): a port found free
 * there can be taken by some client's outgoing connection before the server binds it, as
 * a CI run saw.
 */
public final class FreePorts {

	private static final int LOWEST = 10_000;

	private static final int BELOW_EPHEMERAL = 32_768;

	private FreePorts() {
	}

	public static int any() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_EPHEMERAL);
			if (isFree(port)) {
				return port;
			}
		}
		throw new IllegalStateException("no free port from " + LOWEST + " to " + (BELOW_EPHEMERAL - 1));
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
