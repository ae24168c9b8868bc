package io.storefront.auth.user;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * What a password must be: at least 8 characters, and at most 72 bytes in UTF-8, because
 * bcrypt ignores everything past the 72nd byte (two passwords sharing those bytes would
 * both open the account). Both limits apply to the password as it is hashed: its NFKC
 * form (NIST SP 800-63B), so that {@code é} typed as one character or as {@code e} and a
 * combining accent is one password. A password of only white space or characters that
 * render as nothing is refused: eight spaces is the first thing a guesser tries, and an
 * invisible password cannot be read back or typed again.
 */
public final class PasswordPolicy {

	public static final int MIN_CHARACTERS = 8;

	public static final int MAX_BYTES = 72;

	static final String NOTHING_VISIBLE = "must not be only white space or invisible characters";

	/** Not default-ignorable, yet drawn as an empty cell. */
	private static final int BRAILLE_BLANK = 0x2800;

	/**
	 * The longest a password may be as typed (UTF-16 units) to be normalised at all.
	 * Normalising composes at most three characters into one, so no password that fits
	 * bcrypt is longer; it also expands one character into up to 18 ({@code U+FDFA}), so
	 * a megabyte of them would become twelve, per request, before any limit applied.
	 */
	static final int MAX_TYPED_LENGTH = 4 * MAX_BYTES;

	private PasswordPolicy() {
	}

	/**
	 * Why {@code password} is not acceptable, or empty when it is. Never mentions the
	 * password itself.
	 */
	public static Optional<String> problem(String password) {
		if (password.length() > MAX_TYPED_LENGTH) {
			return Optional.of("must be at most " + MAX_BYTES + " bytes in UTF-8");
		}
		String normalised = normalise(password);
		if (normalised.codePointCount(0, normalised.length()) < MIN_CHARACTERS) {
			return Optional.of("must be at least " + MIN_CHARACTERS + " characters");
		}
		if (normalised.codePoints().allMatch(PasswordPolicy::invisible)) {
			return Optional.of(NOTHING_VISIBLE);
		}
		if (!fitsBcrypt(normalised)) {
			return Optional.of("must be at most " + MAX_BYTES + " bytes in UTF-8");
		}
		return Optional.empty();
	}

	/** The form a password is hashed and checked in. */
	public static String normalise(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFKC);
	}

	/** Unicode's White_Space, a default-ignorable code point, a control character. */
	private static boolean invisible(int codePoint) {
		return UCharacter.hasBinaryProperty(codePoint, UProperty.WHITE_SPACE)
				|| UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
				|| Character.getType(codePoint) == Character.CONTROL || codePoint == BRAILLE_BLANK;
	}

	public static boolean fitsBcrypt(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
	}

}
