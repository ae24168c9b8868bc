package io.storefront.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the dev state lives ({@code .storefront}: env files, PostgreSQL data, the lock of
 * a running {@code up}): {@code STOREFRONT_STATE_DIR} when set (only white space is
 * refused), else {@code .storefront} in the project the tool was built in (so
 * {@code ./storefront db check} finds it from any working directory), else
 * {@code .storefront} in the working directory.
 */
public final class StateDirectory {

	public static final String VARIABLE = "STOREFRONT_STATE_DIR";

	public static final String NAME = ".storefront";

	private StateDirectory() {
	}

	public static Path resolve(Terminal terminal) {
		String configured = terminal.variable(VARIABLE);
		if (configured != null && configured.isBlank()) {
			// a slip, not a folder to make beside the working directory
			throw new UsageException(VARIABLE + " must name a folder (got \"" + configured + "\")");
		}
		if (configured != null) {
			return Path.of(configured).toAbsolutePath().normalize();
		}
		return projectRoot().map((root) -> root.resolve(NAME)).orElseGet(() -> Path.of(NAME).toAbsolutePath());
	}

	public static Path envDirectory(Terminal terminal) {
		return resolve(terminal).resolve("env");
	}

	/**
	 * The checkout this class was loaded from: the nearest folder above it holding the
	 * front-door script.
	 */
	public static Optional<Path> projectRoot() {
		try {
			var source = StateDirectory.class.getProtectionDomain().getCodeSource();
			if (source == null) {
				return Optional.empty();
			}
			for (Path folder = Path.of(source.getLocation().toURI()).toAbsolutePath(); folder != null; folder = folder
				.getParent()) {
				if (Files.isRegularFile(folder.resolve("storefront"))
						&& Files.isRegularFile(folder.resolve("pom.xml"))) {
					return Optional.of(folder);
				}
			}
			return Optional.empty();
		}
		catch (URISyntaxException | SecurityException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
