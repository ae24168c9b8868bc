package io.storefront.product.catalog;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProductQueryTests {

	@Test
	void wordsAreSplitOnWhitespaceAndDeduplicated() {
		assertThat(ProductQuery.wordsOf(null)).isEmpty();
		assertThat(ProductQuery.wordsOf(" \t ")).isEmpty();
		assertThat(ProductQuery.wordsOf("  red\tshoe  red ")).containsExactly("red", "shoe");
	}

	@Test
	void noBreakAndIdeographicSpacesSeparateWordsToo() {
		assertThat(ProductQuery.wordsOf("usb\u3000cable")).containsExactly("usb", "cable");
		assertThat(ProductQuery.wordsOf("\u00a0usb\u00a0cable\u2003")).containsExactly("usb", "cable");
		assertThat(ProductQuery.wordsOf("\u00a0\u3000")).isEmpty();
	}

	@Test
	void likeWildcardsAndTheEscapeCharacterAreEscaped() {
		assertThat(ProductQuery.containsPattern("50%")).isEqualTo("%50\\%%");
		assertThat(ProductQuery.containsPattern("a_b")).isEqualTo("%a\\_b%");
		assertThat(ProductQuery.containsPattern("C:\\x")).isEqualTo("%C:\\\\x%");
		assertThat(ProductQuery.containsPattern("plain")).isEqualTo("%plain%");
	}

	@Test
	void eachFilterShapeHasItsOwnStatement() {
		String plain = ProductSearchSql.of(new ProductQuery(List.of(), Optional.empty(), 20, 0));
		String byCategory = ProductSearchSql.of(new ProductQuery(List.of(), Optional.of("x"), 20, 0));
		String twoWords = ProductSearchSql.of(new ProductQuery(List.of("a", "b"), Optional.of("x"), 20, 0));

		assertThat(plain).doesNotContain(":category").doesNotContain("LIKE");
		assertThat(byCategory).contains("category = :category").doesNotContain("LIKE");
		assertThat(twoWords).contains(":word0").contains(":word1").doesNotContain(":word2");
	}

}
