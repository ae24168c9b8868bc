package io.storefront.product.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /products} asks for, already validated: the words of {@code q} (each
 * must appear in the name or the description, case-insensitively, as a plain substring),
 * an exact category, and the page.
 */
record ProductQuery(List<String> words, Optional<String> category, int limit, int offset) {

	static final int MAX_WORDS = 8;

	ProductQuery {
		words = List.copyOf(words);
	}

	/**
	 * The distinct whitespace-separated words of {@code q}; blank or absent means no text
	 * filter.
	 */
	static List<String> wordsOf(String q) {
		if (q == null || q.isBlank()) {
			return List.of();
		}
		return Arrays.stream(q.strip().split("\\s+")).distinct().toList();
	}

	/**
	 * A word as a {@code LIKE} pattern matching it anywhere, its {@code %}, {@code _} and
	 * {@code \} taken literally.
	 */
	static String containsPattern(String word) {
		StringBuilder pattern = new StringBuilder(word.length() + 8).append('%');
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			if (c == '%' || c == '_' || c == '\\') {
				pattern.append('\\');
			}
			pattern.append(c);
		}
		return pattern.append('%').toString();
	}

}
