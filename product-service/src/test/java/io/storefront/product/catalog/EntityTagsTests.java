package io.storefront.product.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntityTagsTests {

	@Test
	void entityTagIsTheQuotedVersion() {
		assertThat(EntityTags.of(7)).isEqualTo("\"7\"");
	}

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

}
