package io.storefront.web.etag;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTagTests {

	private static final String[] NEVER_ISSUED = { "3", "\"abc\"", "\"-1\"", "\"\"", "\"", "\"99999999999999999999\"",
			"\"9223372036854775808\"", "\"٣\"", "\"01\"", "\"+1\"", "\"0001\"", "\"00\"", " \"3\"", "W/", "" };

	@Test
	void theTagIsTheQuotedVersion() {
		assertThat(VersionTag.of(7)).isEqualTo("\"7\"");
		assertThat(VersionTag.strong(VersionTag.of(Long.MAX_VALUE))).hasValue(Long.MAX_VALUE);
		assertThat(VersionTag.strong("\"0\"")).hasValue(0);
	}

	@Test
	void strongComparisonReadsOnlyStrongTags() {
		assertThat(VersionTag.strong("\"3\"")).hasValue(3);
		assertThat(VersionTag.strong("W/\"3\"")).isEmpty();
		assertThat(VersionTag.strong(null)).isEmpty();
	}

	@Test
	void weakComparisonReadsBoth() {
		assertThat(VersionTag.weak("\"3\"")).hasValue(3);
		assertThat(VersionTag.weak("W/\"3\"")).hasValue(3);
		assertThat(VersionTag.weak("W/W/\"3\"")).isEmpty();
		assertThat(VersionTag.weak(null)).isEmpty();
	}

	@Test
	void tagsNeverIssuedNameNoVersion() {
		for (String tag : NEVER_ISSUED) {
			assertThat(VersionTag.strong(tag)).as(tag).isEmpty();
			assertThat(VersionTag.weak(tag)).as(tag).isEmpty();
			assertThat(VersionTag.weak("W/" + tag)).as("W/" + tag).isEmpty();
		}
	}

}
