package io.storefront.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A list of names copied from another project into src/test/resources (see the README
 * there): one a line, {@code #} starting a comment line.
 */
final class NameList {

	private NameList() {
	}

	static Set<String> load(String resource) {
		try (InputStream input = NameList.class.getClassLoader().getResourceAsStream(resource)) {
			String text = new String(Objects.requireNonNull(input, resource).readAllBytes(), StandardCharsets.UTF_8);
			return text.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
