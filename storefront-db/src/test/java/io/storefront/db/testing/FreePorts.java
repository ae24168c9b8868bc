package io.storefront.db.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
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
		return base(Set.of());
	}

	/**
	 * A free port whose ports at each of {@code offsets} above it are free too: the base
	 * of a set of servers laid out from one port.
	 */
	public static int base(Set<Integer> offsets) {
		int highest = offsets.stream().mapToInt(Integer::intValue).max().orElse(0);
		for (int attempt = 0; attempt < 100; attempt++) {
			int base = ThreadLocalRandom.current().nextInt(LOWEST, BELOW_EPHEMERAL - highest);
			if (isFree(base) && offsets.stream().allMatch((offset) -> isFree(base + offset))) {
				return base;
			}
		}
		throw new IllegalStateException("no free port from " + LOWEST + " to " + (BELOW_EPHEMERAL - 1 - highest)
				+ ((highest > 0) ? " with " + offsets + " above it free" : ""));
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
