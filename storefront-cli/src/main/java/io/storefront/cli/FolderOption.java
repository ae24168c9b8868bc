package io.storefront.cli;

import java.nio.file.Path;

/**
 * A folder an option of {@code db check} or {@code db provision} names. Given empty,
 * picocli hands over {@code Path.of("")}, which Java resolves to the working directory:
 * {@code --out ''} would write the env files, passwords and all, wherever the command
 * happened to run. It is refused as {@code up} refuses an empty {@code --state-dir}.
 */
public final class FolderOption {

	private FolderOption() {
	}

	/**
	 * The folder made absolute, {@code null} when the option was not given.
	 * @throws UsageException when it was given empty or only white space
	 */
	public static Path absolute(String option, Path given) {
		if (given == null) {
			return null;
		}
		if (given.toString().isBlank()) {
			throw new UsageException(option + " needs a value");
		}
		return given.toAbsolutePath().normalize();
	}

}
