package io.storefront.cart.cart;

import java.util.Locale;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Whose cart a request is about: always the token's subject, never anything the client
 * names.
 */
final class CartOwner {

	private CartOwner() {
	}

	/**
	 * The user id of the token ({@code sub}), which auth-service issues as a UUID. A
	 * token with another subject, though signed, names no user the cart could belong to:
	 * it is refused as any other unusable token is, 401 with the {@code invalid_token}
	 * challenge, not as a user's token that may not do this (403).
	 */
	static UUID of(Authentication authentication) {
		String subject = authentication.getName();
		try {
			UUID userId = UUID.fromString(subject);
			// UUID.fromString also accepts shortened forms such as "1-1-1-1-1"; only the
			// canonical one is a user id.
			if (userId.toString().equals(subject.toLowerCase(Locale.ROOT))) {
				return userId;
			}
		}
		catch (IllegalArgumentException ex) {
			// Not a UUID: refused below.
		}
		throw new InvalidBearerTokenException("the token's subject is not a user id");
	}

}
