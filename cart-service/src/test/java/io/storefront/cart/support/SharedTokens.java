package io.storefront.cart.support;

import io.storefront.web.testing.TestTokens;

/**
 * One stand-in auth service per test JVM, like the application context the tests share.
 */
public final class SharedTokens {

	private static TestTokens tokens;

	private SharedTokens() {
	}

	public static synchronized TestTokens tokens() {
		if (tokens == null) {
			tokens = TestTokens.start();
		}
		return tokens;
	}

}
