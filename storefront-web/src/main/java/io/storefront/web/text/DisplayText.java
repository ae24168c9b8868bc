package io.storefront.web.text;

/**
 * The one rule for text that people read back (names, categories, descriptions, search
 * words), as {@code @Pattern} regular expressions written so that they give the same
 * verdict in Java and in the ECMAScript dialect of the API description's {@code pattern},
 * whether a client runs it with the {@code u} flag (which reads code points) or without
 * (which reads UTF-16 code units, so that a character beyond the Basic Multilingual
 * Plane, such as an emoji, is two "characters": the halves of a surrogate pair).
 *
 * <p>
 * Refused anywhere: control characters (C0, DEL and C1, such as ESC or U+009B, a
 * terminal's CSI, which would inject into terminals and logs), bidirectional overrides
 * and isolates (U+202A to U+202E, U+2066 to U+2069, which make text display in another
 * order than it is stored), the line and paragraph separators U+2028 and U+2029 (line
 * breaks that a check for {@code \n} misses), and unpaired UTF-16 surrogates (no UTF-8
 * form). Also refused: text that holds invisible characters and nothing visible (U+FEFF,
 * zero-width spaces, no-break and other non-ASCII spaces, variation selectors, Hangul
 * fillers, the braille blank U+2800, noncharacters of the Basic Multilingual Plane, tag
 * characters), which would look empty. {@link #NAME} also refuses empty text and text of
 * only spaces; elsewhere they are left to the field's own meaning of blank. A combining
 * mark with nothing to combine with is taken: it is drawn, on a dotted circle or alone.
 *
 * <p>
 * Repetition is only ever of a character class ({@code [...]*}), never of a group: Java
 * matches a repeated group by recursion, a few stack frames per repetition, and overflows
 * the stack on a few thousand characters.
 */
public final class DisplayText {

	/** Bidirectional overrides and isolates, line and paragraph separators. */
	private static final String FORMATTING = "\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069";

	/**
	 * Non-ASCII spaces, format characters and other default-ignorable code points of the
	 * Basic Multilingual Plane, its noncharacters, and the braille blank.
	 */
	private static final String INVISIBLE_BMP = "\\u00A0\\u00AD\\u034F\\u061C\\u115F\\u1160\\u1680\\u17B4\\u17B5"
			+ "\\u180B-\\u180F\\u2000-\\u200F\\u202F\\u205F-\\u2065\\u206A-\\u206F\\u2800\\u3000\\u3164"
			+ "\\uFDD0-\\uFDEF\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF0-\\uFFFB\\uFFFE\\uFFFF";

	/**
	 * U+E0000 to U+E0FFF, all default-ignorable (tag characters, the supplementary
	 * variation selectors), in Java and ECMAScript with {@code u}; without {@code u}, the
	 * first half of their surrogate pair (U+DB40 to U+DB43). Java and {@code u} read an
	 * escaped surrogate pair as one code point, even as the end of a range: there the
	 * class runs from U+DB40 to U+E0FFF (the pair DB43 DFFF), and the look-ahead takes
	 * away U+DB3F to U+DFFFF (the pair DB3F DFFF). Without {@code u} both classes are
	 * code units, and leave U+DB40 to U+DB43. Python's {@code re} reads each escape as an
	 * unpaired surrogate, so it counts these visible (and agrees on all else, with
	 * {@code fullmatch}). A range beyond the plane that does not start where a high
	 * surrogate does cannot be written so, which leaves the few other default-ignorables
	 * there (U+1BCA0 to U+1BCA3, U+1D173 to U+1D17A) and the noncharacters beyond the
	 * plane counted visible.
	 */
	private static final String PLANE_14_IGNORABLE = "(?![\\uDB3F-\\uDB3F\\uDFFF])[\\uDB40-\\uDB43\\uDFFF]";

	/**
	 * A character that is neither ASCII white space nor invisible. Without {@code u}, a
	 * character beyond the plane is matched by its surrogate pair (the second
	 * alternative); in Java and with {@code u} the first alternative takes it whole.
	 */
	private static final String VISIBLE = "(?:(?!" + PLANE_14_IGNORABLE + ")[^\\t\\n\\r " + INVISIBLE_BMP
			+ "\\uD800-\\uDFFF]|[\\uD800-\\uDB3F\\uDB44-\\uDBFF][\\uDC00-\\uDFFF])";

	/**
	 * Refuses text with invisible characters and nothing visible: it must be only ASCII
	 * white space (perhaps none) or hold something visible.
	 */
	private static final String SOMETHING_VISIBLE = "(?=[\\t\\n\\r ]*$|[\\s\\S]*" + VISIBLE + ")";

	/**
	 * Refuses a high surrogate not followed by a low one, and a low surrogate not
	 * preceded by a high one. Java and ECMAScript with {@code u} see only unpaired
	 * surrogates here, since they read a pair as one code point; without {@code u} this
	 * is what tells a pair from its halves.
	 */
	private static final String NO_UNPAIRED_SURROGATE = "(?![\\s\\S]*(?:[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])"
			+ "|(?:^|[^\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]))";

	/** Characters allowed on one line, to the end of the text. */
	private static final String ON_ONE_LINE = "[^\\x00-\\x1F\\x7F-\\x9F" + FORMATTING + "]*$";

	/** Text on one line. */
	public static final String ONE_LINE = "^" + SOMETHING_VISIBLE + NO_UNPAIRED_SURROGATE + ON_ONE_LINE;

	/**
	 * As {@link #ONE_LINE}, but not empty or only spaces: a name something is known by.
	 */
	public static final String NAME = "^(?! *$)" + SOMETHING_VISIBLE + NO_UNPAIRED_SURROGATE + ON_ONE_LINE;

	/** As {@link #ONE_LINE}, but tabs and line breaks (LF and CR) are allowed. */
	public static final String LINES = "^" + SOMETHING_VISIBLE + NO_UNPAIRED_SURROGATE
			+ "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F" + FORMATTING + "]*$";

	public static final String ONE_LINE_MESSAGE = "must be visible text on one line: no control characters (such as "
			+ "ESC or a line break), bidirectional controls (U+202A to U+202E, U+2066 to U+2069), "
			+ "U+2028 or U+2029, or unpaired surrogates, and not only invisible characters";

	public static final String NAME_MESSAGE = "must be visible text on one line, not blank: no control characters "
			+ "(such as ESC or a line break), bidirectional controls (U+202A to U+202E, U+2066 to U+2069), "
			+ "U+2028 or U+2029, or unpaired surrogates, and not only spaces or invisible characters";

	public static final String LINES_MESSAGE = "must be visible text: no control characters but tab and line "
			+ "breaks, no bidirectional controls (U+202A to U+202E, U+2066 to U+2069), U+2028 or U+2029, "
			+ "or unpaired surrogates, and not only invisible characters";

	private DisplayText() {
	}

}
