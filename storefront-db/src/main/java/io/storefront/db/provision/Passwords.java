package io.storefront.db.provision;

import java.security.SecureRandom;

/**
 * Strong generated passwords: 32 characters of [A-Za-z0-9], about 190 bits, safe in any
 * URL or shell.
 */
public final class Passwords {

	private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private Passwords() {
	}

	public static String generate() {
		char[] password = new char[32];
		for (int i = 0; i < password.length; i++) {
			password[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
		}
		return new String(password);
	}

}
