package io.storefront.launcher.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.testing.FreePorts;

/**
 * Where the end-to-end tests run: the checkout they start {@code ./storefront} from, and
 * free ports for the services ({@link FreePorts}' rule: below the ephemeral range).
 */
final class Machine {

	/**
	 * The services {@code up} starts, in the order of their ports (base+1, base+2, ...).
	 */
	static final List<String> SERVICES = KnownServices.ALL.stream().map(ServiceIdentity::name).toList();

	/** Their databases, in the same order. */
	static final List<String> DATABASES = KnownServices.ALL.stream().map(ServiceIdentity::databaseName).toList();

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

	/**
	 * A free base (the status console's port) whose services' ports (base+1 onwards) are
	 * free, and with more than one replica also the replicas' ports (base+10i+r for
	 * service i from 1 and replica r from 1).
	 */
	static int freeBasePort(int replicas) {
		Set<Integer> offsets = new TreeSet<>();
		for (int service = 1; service <= SERVICES.size(); service++) {
			offsets.add(service);
			for (int replica = 1; replicas > 1 && replica <= replicas; replica++) {
				offsets.add(10 * service + replica);
			}
		}
		return FreePorts.base(offsets);
	}

	static int freeBasePort() {
		return freeBasePort(1);
	}

}
