package io.storefront.product.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityTagsTests {

	@Test
	void absentOrWildcardIfMatchIsUnconditional() {
		assertThat(EntityTags.ifMatch(null).unconditional()).isTrue();
		assertThat(EntityTags.ifMatch(" ").unconditional()).isTrue();
		assertThat(EntityTags.ifMatch("*").unconditional()).isTrue();
	}

	@Test
	void ifMatchListsTheVersionsItNames() {
		assertThat(EntityTags.ifMatch("\"3\"").versions()).containsExactly(3L);
		assertThat(EntityTags.ifMatch("\"3\", \"5\" ,\"8\"").versions()).containsExactly(3L, 5L, 8L);
	}

	@Test
	void tagsNeverIssuedHereMatchNothing() {
		for (String header : new String[] { "W/\"3\"", "3", "\"abc\"", "\"-1\"", "\"\"", "\"99999999999999999999\"",
				"\"٣\"", "\"01\"", "\"+1\"", "\"0001\"", "\"00\"" }) {
			assertThat(EntityTags.ifMatch(header).unsatisfiable()).as(header).isTrue();
		}
	}

	@Test
	void ifNoneMatchComparesWeaklyAndIgnoresTagsNeverIssuedHere() {
		assertThat(EntityTags.ifNoneMatch("\"3\", W/\"5\", \"abc\", \"01\"").versions()).containsExactly(3L, 5L);
		assertThat(EntityTags.ifNoneMatch("\"abc\"").excludesNothing()).isTrue();
		assertThat(EntityTags.ifNoneMatch(null).excludesNothing()).isTrue();
	}

	@Test
	void ifNoneMatchStarExcludesEveryVersion() {
		assertThat(EntityTags.ifNoneMatch("*").any()).isTrue();
		assertThat(EntityTags.ifNoneMatch("*").holdsFor(1)).isFalse();
		assertThat(EntityTags.ifNoneMatch("\"2\"").holdsFor(1)).isTrue();
	}

}
