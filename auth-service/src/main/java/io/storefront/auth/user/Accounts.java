package io.storefront.auth.user;

import java.util.Optional;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

import io.storefront.auth.web.TokenSubject;
import io.storefront.db.retry.ReadRetry;

/**
 * The accounts the routes read, each read run once more when its database connection dies
 * under it ({@link ReadRetry}).
 * <p>
 * A verified access token's account is read at each call: every route that needs a user
 * asks here. A token whose account is gone identifies no one, admin role or not, and is
 * refused as every other invalid token is, by the resource server's entry point (401, the
 * same problem and {@code invalid_token} challenge, its reason logged at DEBUG): its
 * holder cannot tell that the signature was good, and it is never taken for the token of
 * a user who may not do this (403) or who asks for a missing account (404). Verification
 * refuses it first ({@link AccountHolderCheck}); reading it here again refuses an account
 * deleted in between, and answers 503 when the check could not read it.
 */
@Component
class Accounts {

	private final UserRepository users;

	private final ReadRetry reads;

	Accounts(UserRepository users, ReadRetry reads) {
		this.users = users;
		this.reads = reads;
	}

	/**
	 * @throws InvalidBearerTokenException when the token names no user, or one that no
	 * longer exists
	 */
	UserAccount ofToken(Jwt token) {
		return byId(TokenSubject.userId(token))
			.orElseThrow(() -> new InvalidBearerTokenException("the token's user no longer exists"));
	}

	Optional<UserAccount> byId(UUID id) {
		return this.reads.read(() -> this.users.findById(id));
	}

}
