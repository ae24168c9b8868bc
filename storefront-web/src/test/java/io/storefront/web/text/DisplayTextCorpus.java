package io.storefront.web.text;

import java.util.List;

/**
 * Texts with the verdict each rule of {@link DisplayText} must give them, in Java and in
 * ECMAScript with and without the {@code u} flag: text of the Basic Multilingual Plane
 * and beyond it (whose characters ECMAScript without {@code u} reads as two halves of a
 * surrogate pair), unpaired surrogates, and text that would look empty.
 */
final class DisplayTextCorpus {

	record Sample(String label, String text, boolean name, boolean oneLine, boolean lines) {

		boolean verdict(String rule) {
			return switch (rule) {
				case "NAME" -> this.name;
				case "ONE_LINE" -> this.oneLine;
				case "LINES" -> this.lines;
				default -> throw new IllegalArgumentException(rule);
			};
		}

		@Override
		public String toString() {
			return this.label;
		}

	}

	/** The rules by the names of their constants. */
	static final List<String> RULES = List.of("NAME", "ONE_LINE", "LINES");

	static final List<Sample> SAMPLES = List.of(taken("plain ASCII", "Ann Example"),
			taken("Latin with accents", "Zoë Ångström"), taken("right-to-left with its mark", "مرحبا\u200f"),
			taken("an emoji", "Café 😀"), taken("emoji only", "😀"), taken("an emoji at the start", "😀 smile"),
			taken("CJK beyond the plane (U+20000)", "𠀀𠀁"),
			taken("a family joined by ZWJ", "family 👨\u200d👩\u200d👧"),
			taken("a flag of two regional indicators", "🇫🇷"),
			taken("a subdivision flag, made of tag characters",
					"🏴\udb40\udc67\udb40\udc62\udb40\udc73\udb40\udc63" + "\udb40\udc74\udb40\udc7f"),
			taken("a visible character among tag characters", "\udb40\udc41x\udb40\udc42"),
			taken("a character beyond the plane after invisible ones", "\u200b\u00a0😀"),
			taken("a supplementary variation selector after a letter", "x\udb40\udd00"),
			taken("a lone combining mark (drawn on a dotted circle)", "\u0301"),
			taken("a shorthand format control beyond the plane (not counted invisible)", "\ud82f\udca0"),
			taken("U+DFFFF, just below the tag block (a noncharacter; none beyond the plane is counted invisible)",
					"\udb3f\udfff"),
			taken("the first code point after it (U+E1000)", "\udb44\udc00"),
			taken("a private use character (U+E000)", "\ue000"), taken("U+FFFD", "\ufffd"), taken("U+FFFC", "\ufffc"),
			taken("an invisible character beside a visible one", "x\ufeff"),
			refused("a tag character alone (U+E0041)", "\udb40\udc41"),
			refused("tag characters and spaces", " \udb40\udc41\udb40\udc42 "),
			refused("the cancel tag (U+E007F)", "\udb40\udc7f"),
			refused("a supplementary variation selector alone (U+E0100)", "\udb40\udd00"),
			refused("the last code point of the tag block (U+E0FFF)", "\udb43\udfff"),
			refused("the braille blank", "\u2800"), refused("noncharacters", "\ufdd0\ufdef"),
			refused("U+FFFE and U+FFFF", "\ufffe\uffff"), refused("U+2065", "\u2065"),
			refused("reserved default-ignorables U+FFF0 to U+FFF8", "\ufff0\ufff8"),
			refused("invisible characters of the plane and beyond", "\u200b\udb40\udc41\u3164"),
			refused("a zero-width space", "\u200b"), refused("a no-break space", "\u00a0"),
			refused("an unpaired high surrogate", "a\ud800b"), refused("an unpaired low surrogate", "a\udc00b"),
			refused("a high surrogate at the end", "ab\ud83d"), refused("a low surrogate at the start", "\ude00ab"),
			refused("a pair in the wrong order", "\ude00\ud83d"), refused("two high surrogates", "\ud83d\ud83d\ude00"),
			refused("an emoji, then a low surrogate", "😀\ude00"), refused("a tag character's half alone", "\udb40"),
			refused("ESC", "\u001b[31mred"), refused("C1 CSI", "csi\u009b31m"),
			refused("a bidirectional override", "\u202eevil"),
			refused("an emoji beside a bidirectional isolate", "😀\u2066"),
			refused("a line separator", "line\u2028separator"), new Sample("empty", "", false, true, true),
			new Sample("spaces", "   ", false, true, true), new Sample("a line break", "a\nb", false, false, true),
			new Sample("an emoji on a second line", "a\r\n😀", false, false, true),
			new Sample("line breaks only", "\n\n", false, false, true),
			new Sample("a tag character between line breaks", "\n\udb40\udc41\n", false, false, false));

	private DisplayTextCorpus() {
	}

	static String pattern(String rule) {
		return switch (rule) {
			case "NAME" -> DisplayText.NAME;
			case "ONE_LINE" -> DisplayText.ONE_LINE;
			case "LINES" -> DisplayText.LINES;
			default -> throw new IllegalArgumentException(rule);
		};
	}

	private static Sample taken(String label, String text) {
		return new Sample(label, text, true, true, true);
	}

	private static Sample refused(String label, String text) {
		return new Sample(label, text, false, false, false);
	}

}
