package io.storefront.web.etag;

import java.util.OptionalLong;

/**
 * The entity tag of a row's version: the version in decimal digits, quoted ({@code "7"}).
 * Product sends it as the {@code ETag} of a product and reads it back from
 * {@code If-Match} and {@code If-None-Match}; cart reads it from product's answers. Tags
 * compare character for character (RFC 9110 section 8.8.3.2), so {@code "01"} or
 * {@code "+1"} names no version, however {@link Long#parseLong} would read it.
 */
public final class VersionTag {

	private static final String WEAK_PREFIX = "W/";

	private static final int LONGEST = "\"9223372036854775807\"".length();

	private VersionTag() {
	}

	public static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * The version a strong tag names, as strong comparison (If-Match) reads it.
	 * @return the version, or empty for a weak tag, or for one {@link #of} never spells
	 */
	public static OptionalLong strong(String tag) {
		if (tag == null || tag.length() < 3 || tag.length() > LONGEST || !tag.startsWith("\"") || !tag.endsWith("\"")) {
			return OptionalLong.empty();
		}
		String digits = tag.substring(1, tag.length() - 1);
		if (!digits.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return OptionalLong.empty();
		}
		try {
			long version = Long.parseLong(digits);
			return of(version).equals(tag) ? OptionalLong.of(version) : OptionalLong.empty();
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * The version a tag names as weak comparison (If-None-Match) reads it: {@code W/"7"}
	 * names version 7 as {@code "7"} does. A proxy that compresses an answer on its way
	 * weakens its tag.
	 * @return the version, or empty for a tag {@link #of} never spells, weak or not
	 */
	public static OptionalLong weak(String tag) {
		if (tag != null && tag.startsWith(WEAK_PREFIX)) {
			return strong(tag.substring(WEAK_PREFIX.length()));
		}
		return strong(tag);
	}

}
