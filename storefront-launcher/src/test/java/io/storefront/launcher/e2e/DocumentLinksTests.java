package io.storefront.launcher.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every link in the project's Markdown documents leads to a file of the checkout: a user
 * who clones the repository has nothing else, and a moved file must not leave a dead link
 * behind.
 */
class DocumentLinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final Set<String> NOT_DOCUMENTS = Set.of("target", ".storefront", ".git", "node_modules");

	@Test
	void everyLinkInEveryDocumentLeadsToAFileOfTheCheckout() throws IOException {
		Path root = Machine.projectRoot();
		List<String> dead = new ArrayList<>();
		List<Path> documents = documents(root);
		for (Path document : documents) {
			Matcher link = LINK.matcher(Files.readString(document));
			while (link.find()) {
				String target = link.group(1);
				String path = target.split("#", 2)[0];
				Path resolved = document.getParent().resolve(path).normalize();
				if (target.contains("://") || target.startsWith("mailto:") || !resolved.startsWith(root)
						|| (!path.isEmpty() && !Files.exists(resolved))) {
					dead.add(root.relativize(document) + ": " + target);
				}
			}
		}
		assertThat(documents).as("Markdown documents found").hasSizeGreaterThan(10);
		assertThat(dead).as("links that leave the checkout or lead nowhere").isEmpty();
	}

	private static List<Path> documents(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(".md"))
				.filter((file) -> !excluded(root.relativize(file)))
				.toList();
		}
	}

	private static boolean excluded(Path relative) {
		for (Path part : relative) {
			if (NOT_DOCUMENTS.contains(part.toString())) {
				return true;
			}
		}
		return false;
	}

}
