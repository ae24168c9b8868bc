package io.storefront.auth.user;

import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataAccessException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import io.storefront.auth.web.TokenSubject;

/**
 * The last check of auth's own token verification: a signed token counts only while it
 * names an account that exists. Made where every other token check is made, a token that
 * names no one is refused before routing, as an expired one is: a 401 on the account
 * routes whatever the method (not a 405, nor a 422 for a malformed id), and passed over
 * on register, login, refresh and logout, which do not need one.
 * <p>
 * When the account cannot be read (the database is down), the token is let through: the
 * account routes read it again ({@link Accounts#ofToken}) and answer 503, as every route
 * that needs the database does.
 */
@Component
class AccountHolderCheck implements OAuth2TokenValidator<Jwt> {

	private final Accounts accounts;

	AccountHolderCheck(Accounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		Optional<UUID> userId = TokenSubject.ifUserId(token);
		if (userId.isEmpty()) {
			return invalid("the token's subject is not a user id");
		}
		try {
			return this.accounts.byId(userId.get()).isPresent() ? OAuth2TokenValidatorResult.success()
					: invalid("the token's user no longer exists");
		}
		catch (DataAccessException | TransactionException ex) {
			return OAuth2TokenValidatorResult.success();
		}
	}

	private static OAuth2TokenValidatorResult invalid(String reason) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, reason, null));
	}

}
