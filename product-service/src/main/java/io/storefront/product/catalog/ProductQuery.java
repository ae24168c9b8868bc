package io.storefront.product.catalog;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code GET /products} asks for, already validated: the words of {@code q} (each
 * must appear in the name or the description, case-insensitively, as a plain substring),
 * an exact category, and the page.
 */
record ProductQuery(List<String> words, Optional<String> category, int limit, int offset) {

	static final int MAX_WORDS = 8;

	private static final int FINAL_SIGMA = '\u03c2';

	/** Any Unicode white space: also the no-break and ideographic spaces. */
	private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

	private static final int SIGMA = '\u03c3';

	ProductQuery {
		words = words.stream().map(ProductQuery::folded).distinct().toList();
	}

	/**
	 * The distinct words of {@code q}, separated by any Unicode white space and
	 * {@link #folded folded}, so that words the search cannot tell apart ({@code TV} and
	 * {@code tv}) count once towards {@link #MAX_WORDS}; blank or absent means no text
	 * filter.
	 */
	static List<String> wordsOf(String q) {
		if (q == null) {
			return List.of();
		}
		return Arrays.stream(WHITESPACE.split(q))
			.filter((word) -> !word.isEmpty())
			.map(ProductQuery::folded)
			.distinct()
			.toList();
	}

	/**
	 * A word as the column it is looked for in holds text: compatibility and composed
	 * forms made alike (NFKC), then each letter lower-cased by Unicode's simple case
	 * mapping and Greek's final sigma written as the other, as the database's
	 * {@code search_folded()} (migration V4) does with the {@code pg_c_utf8} collation.
	 * (ICU's lower-casing, its fallback, differs only for {@code İ}.)
	 */
	static String folded(String word) {
		return Normalizer.normalize(word, Normalizer.Form.NFKC)
			.codePoints()
			.map((letter) -> (letter == FINAL_SIGMA) ? SIGMA : Character.toLowerCase(letter))
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
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
