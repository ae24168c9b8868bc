package io.storefront.web.text;

/**
 * Text PostgreSQL cannot store: U+0000 (NUL), which no PostgreSQL text type accepts, and
 * UTF-16 surrogates that are not part of a pair (JSON's {@code "\ud800"}), which have no
 * UTF-8 form and which the JDBC driver would silently turn into {@code ?}. Every text a
 * client sends is checked against this before any code sees it: JSON strings by
 * {@link StorableTextDeserializer}, request parameters, path variables and headers by
 * {@link StorableTextEditor}.
 */
public final class StorableText {

	public static final String MESSAGE = "must not contain U+0000 (NUL) or unpaired UTF-16 surrogates";

	private StorableText() {
	}

	public static boolean isStorable(CharSequence text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '\u0000') {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
