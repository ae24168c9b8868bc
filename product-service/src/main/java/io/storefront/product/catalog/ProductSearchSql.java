package io.storefront.product.catalog;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The SQL of {@code GET /products}, built only from fixed fragments (one per filter in
 * use), so each shape has its own plan: the category filter walks
 * {@code products_category_name_id_idx}, the plain listing {@code products_name_id_idx}.
 *
 * <p>
 * Relevant results come first: products whose name holds more of the words rank before
 * those that only mention them in the description, and within a rank the order is (name,
 * id). The rank is the number of words found in the folded name ({@code search_text} up
 * to its separator).
 *
 * <p>
 * One statement returns the total and the page: the single-row count is left-joined to
 * the page, so an offset past the end still yields the total (with no item). Text search
 * is a case-insensitive substring match of every word of {@code q} against name or
 * description, on the {@code search_text} column, which holds both folded by the
 * database's {@code search_folded()}; the words come {@linkplain ProductQuery#folded
 * folded} the same way, so they stay plain parameters the planner can see.
 *
 * <p>
 * A word is matched with {@code search_text LIKE :wordN ESCAPE '\'} (bound to
 * {@link ProductQuery#containsPattern}), which the trigram index
 * {@code products_search_text_trgm_idx} serves when migration V2 could create it, that is
 * when {@code pg_trgm} is installed in the database (provisioning installs it; the
 * service's role cannot). Without the extension the same statements scan the
 * (category-filtered) rows: several milliseconds per search at 10,000 products.
 *
 * <p>
 * A word with no run of three letters or digits ({@link #trigramIndexable}) has no
 * trigram, and the index could only return every row for it. PgJDBC prepares a statement
 * on the server after five executions, and PostgreSQL may then plan it once for any
 * value: such a generic plan would use the index for a short word too, a full index scan
 * several times slower than the table scan. So a short word gets a condition the index
 * cannot serve, {@code strpos(search_text, :wordN) > 0} (bound to the word itself), and
 * its own statement shape; the index then serves the long words of the query, if any, and
 * a query of short words only scans as it always did. The result is the same either way.
 */
final class ProductSearchSql {

	/** The folded name: the part of {@code search_text} before the separator. */
	private static final String NAME_TEXT = "split_part(search_text, E'\\x1F', 1)";

	/**
	 * Statements by shape: category filter, number of words, and which of them are short
	 * (a bit each).
	 */
	private static final ConcurrentMap<Integer, String> STATEMENTS = new ConcurrentHashMap<>();

	private ProductSearchSql() {
	}

	static String of(ProductQuery query) {
		List<String> words = query.words();
		int shortWords = 0;
		for (int i = 0; i < words.size(); i++) {
			if (!trigramIndexable(words.get(i))) {
				shortWords |= 1 << i;
			}
		}
		boolean byCategory = query.category().isPresent();
		int key = (byCategory ? 1 << 30 : 0) | (words.size() << 16) | shortWords;
		int shortMask = shortWords;
		return STATEMENTS.computeIfAbsent(key, (k) -> build(byCategory, words.size(), shortMask));
	}

	/**
	 * What {@code :wordN} is bound to: the word's {@code LIKE} pattern, or the word
	 * itself when it is short.
	 */
	static String parameter(String word) {
		return trigramIndexable(word) ? ProductQuery.containsPattern(word) : word;
	}

	/**
	 * Whether the word has trigrams {@code pg_trgm} can look up: like pg_trgm, only
	 * letters and digits form them, so it takes three in a row. (Misjudging a word only
	 * costs speed, never a result.)
	 */
	static boolean trigramIndexable(String word) {
		int run = 0;
		for (int i = 0; i < word.length(); i = word.offsetByCodePoints(i, 1)) {
			run = Character.isLetterOrDigit(word.codePointAt(i)) ? run + 1 : 0;
			if (run == 3) {
				return true;
			}
		}
		return false;
	}

	private static String build(boolean byCategory, int words, int shortWords) {
		StringBuilder where = new StringBuilder("TRUE");
		if (byCategory) {
			where.append(" AND category = :category");
		}
		StringBuilder wordsInName = new StringBuilder();
		for (int i = 0; i < words; i++) {
			boolean shortWord = (shortWords & (1 << i)) != 0;
			where.append(" AND ").append(contains("search_text", i, shortWord));
			wordsInName.append(" + ").append("(%s)::int".formatted(contains(NAME_TEXT, i, shortWord)));
		}
		// Without words, the rank is 0 for every row and the (name, id) indexes still
		// serve the order.
		String rank = (words == 0) ? "0" : wordsInName.substring(3);
		return """
				SELECT matched.total, page.*
				FROM (SELECT count(*) AS total FROM products WHERE %1$s) AS matched
				LEFT JOIN (
				    SELECT id, sku, name, description, price, currency, stock, category, created_at, updated_at,
				           %2$s AS rank
				    FROM products
				    WHERE %1$s
				    ORDER BY rank DESC, name, id
				    LIMIT :limit OFFSET :offset
				) AS page ON TRUE
				ORDER BY page.rank DESC, page.name, page.id
				""".formatted(where, rank);
	}

	private static String contains(String text, int word, boolean shortWord) {
		return shortWord ? "strpos(%s, :word%d) > 0".formatted(text, word)
				: "%s LIKE :word%d ESCAPE '\\'".formatted(text, word);
	}

}
