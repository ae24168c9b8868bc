package io.storefront.web.text;

/**
 * The one rule for text that people read back (names, categories, descriptions, search
 * words), as {@code @Pattern} regular expressions written so that they mean the same in
 * Java and in the ECMAScript dialect of the API description's {@code pattern}.
 *
 * <p>
 * Refused anywhere: control characters (C0, DEL and C1, such as ESC or U+009B, a
 * terminal's CSI, which would inject into terminals and logs), bidirectional overrides
 * and isolates (U+202A to U+202E, U+2066 to U+2069, which make text display in another
 * order than it is stored), the line and paragraph separators U+2028 and U+2029 (line
 * breaks that a check for {@code \n} misses), and unpaired UTF-16 surrogates (no UTF-8
 * form). Also refused: text that holds invisible characters and nothing visible (U+FEFF,
 * zero-width spaces, no-break and other non-ASCII spaces, variation selectors, Hangul
 * fillers), which would look empty. {@link #NAME} also refuses empty text and text of
 * only spaces; elsewhere they are left to the field's own meaning of blank.
 */
public final class DisplayText {

	/** Bidirectional overrides and isolates, line and paragraph separators. */
	private static final String FORMATTING = "\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069";

	/**
	 * Non-ASCII spaces, format characters and other default-ignorable code points of the
	 * Basic Multilingual Plane (those beyond it would need the {@code u} flag the API
	 * description's dialect lacks).
	 */
	private static final String INVISIBLE = "\\u00A0\\u00AD\\u034F\\u061C\\u115F\\u1160\\u1680\\u17B4\\u17B5"
			+ "\\u180B-\\u180F\\u2000-\\u200F\\u202F\\u205F-\\u2064\\u206A-\\u206F\\u3000\\u3164"
			+ "\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF9-\\uFFFB";

	/** Refuses text of only ASCII whitespace and invisible characters, at least one. */
	private static final String SOMETHING_VISIBLE = "(?![\\t\\n\\r ]*[" + INVISIBLE + "][\\t\\n\\r " + INVISIBLE
			+ "]*$)";

	/** Characters allowed on one line, to the end of the text. */
	private static final String ON_ONE_LINE = "[^\\x00-\\x1F\\x7F-\\x9F" + FORMATTING + "\\uD800-\\uDFFF]*$";

	/** Text on one line. */
	public static final String ONE_LINE = "^" + SOMETHING_VISIBLE + ON_ONE_LINE;

	/**
	 * As {@link #ONE_LINE}, but not empty or only spaces: a name something is known by.
	 */
	public static final String NAME = "^(?! *$)" + SOMETHING_VISIBLE + ON_ONE_LINE;

	/** As {@link #ONE_LINE}, but tabs and line breaks (LF and CR) are allowed. */
	public static final String LINES = "^" + SOMETHING_VISIBLE + "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F"
			+ FORMATTING + "\\uD800-\\uDFFF]*$";

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
