package io.storefront.web.text;

import java.util.List;
import java.util.regex.Pattern;

import io.storefront.web.text.DisplayTextCorpus.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule as Bean Validation's {@code @Pattern} applies it: the whole text must match.
 */
class DisplayTextTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "Ann Example", "Zoë Ångström", "שלום עולם", "مرحبا\u200f",
			"family 👨\u200d👩\u200d👧", "Ann\u00a0Example", "x\ufeff", "\u200bx", "Robert'); DROP TABLE users;--" })
	void takesTextPeopleWrite(String text) {
		assertThat(matches(DisplayText.ONE_LINE, text)).isTrue();
		assertThat(matches(DisplayText.LINES, text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u0007b", "\u001b[31mred", "line\nbreak", "tab\there", "csi\u009b31m", "nel\u0085",
			"\u202eevil", "a\u202ab", "a\u2066b\u2069", "line\u2028separator", "paragraph\u2029separator", "\ufeff",
			"\u200b", " \u200b ", "\u00a0", "\u3000", "\u3164", "\ufe0f", "unpaired \ud800 surrogate" })
	void refusesOnOneLineWhatWouldMislead(String text) {
		assertThat(matches(DisplayText.ONE_LINE, text)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "   " })
	void aNameIsNotBlank(String text) {
		assertThat(matches(DisplayText.NAME, text)).isFalse();
		assertThat(matches(DisplayText.ONE_LINE, text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Ann Example", " Home ", "x", "Zoë Ångström", "Ann\u00a0Example" })
	void aNameIsTextOnOneLine(String text) {
		assertThat(matches(DisplayText.NAME, text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u001b[31mred", "line\nbreak", "\u202eevil", " \u200b ", "\u3000", "\t" })
	void aNameRefusesWhatOneLineRefuses(String text) {
		assertThat(matches(DisplayText.NAME, text)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "first line\nsecond line", "a\r\nb", "tab\there" })
	void linesTakeTabsAndLineBreaks(String text) {
		assertThat(matches(DisplayText.LINES, text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u001b[31mred", "csi\u009b31m", "\u202eevil", "a\u2067b", "line\u2028separator", "\ufeff",
			"\n\u200b\n" })
	void linesRefuseTheRest(String text) {
		assertThat(matches(DisplayText.LINES, text)).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("samples")
	void givesEachSampleItsVerdict(Sample sample) {
		for (String rule : DisplayTextCorpus.RULES) {
			assertThat(matches(DisplayTextCorpus.pattern(rule), sample.text())).as(rule)
				.isEqualTo(sample.verdict(rule));
		}
	}

	@Test
	void matchesTextLongerThanAnyFieldTakesWithoutOverflowingTheStack() {
		String emoji = "😀".repeat(100_000);
		String tagCharacters = "\udb40\udc41".repeat(100_000);

		for (String rule : DisplayTextCorpus.RULES) {
			String pattern = DisplayTextCorpus.pattern(rule);
			assertThat(matches(pattern, emoji)).as(rule).isTrue();
			assertThat(matches(pattern, emoji + "\ud800")).as(rule).isFalse();
			assertThat(matches(pattern, tagCharacters)).as(rule).isFalse();
		}
	}

	static List<Sample> samples() {
		return DisplayTextCorpus.SAMPLES;
	}

	private static boolean matches(String regexp, String text) {
		return Pattern.compile(regexp).matcher(text).matches();
	}

}
