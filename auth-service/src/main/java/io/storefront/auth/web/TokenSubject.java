package io.storefront.auth.web;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * The user a verified access token names: its {@code sub}, which the service issues as
 * the user's id, a UUID in its canonical form. A token with another subject, though
 * signed, names no user: it is not a usable token, refused as every other is (401 with
 * the {@code invalid_token} challenge, its reason logged at DEBUG), not as a user's token
 * that may not do this (403), as cart-service refuses it too.
 */
public final class TokenSubject {

	private TokenSubject() {
	}

	/**
	 * @throws InvalidBearerTokenException when the subject is not a user id
	 */
	public static UUID userId(Jwt token) {
		return ifUserId(token)
			.orElseThrow(() -> new InvalidBearerTokenException("the token's subject is not a user id"));
	}

	/** The user id, or none when the subject is not one. */
	public static Optional<UUID> ifUserId(Jwt token) {
		String subject = token.getSubject();
		if (subject == null) {
			return Optional.empty();
		}
		try {
			UUID userId = UUID.fromString(subject);
			// UUID.fromString also accepts shortened forms such as "1-1-1-1-1"; only the
			// canonical one is a user id.
			return userId.toString().equals(subject.toLowerCase(Locale.ROOT)) ? Optional.of(userId) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
