package io.storefront.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository is: the Maven build passes it; run from an IDE, the module's
 * parent folder.
 */
final class Repository {

	private Repository() {
	}

	static Path root() {
		String configured = System.getProperty("storefront.root");
		Path root = (configured != null) ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
		root = root.toAbsolutePath().normalize();
		if (!Files.isDirectory(root.resolve("deploy/kubernetes"))) {
			throw new IllegalStateException("no deploy/kubernetes under " + root);
		}
		return root;
	}

	static Path kubernetes() {
		return root().resolve("deploy/kubernetes");
	}

	static String version() {
		String version = System.getProperty("storefront.version");
		if (version == null) {
			throw new IllegalStateException("storefront.version is not set; run through Maven");
		}
		return version;
	}

}
