package io.storefront.auth.session;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import io.storefront.auth.key.AccessTokenIssuer;
import io.storefront.auth.limit.LoginAttempts;
import io.storefront.auth.user.EmailAddress;
import io.storefront.auth.user.PasswordHasher;
import io.storefront.auth.user.UserAccount;
import io.storefront.auth.user.UserRepository;
import io.storefront.auth.web.UnauthorizedException;
import io.storefront.db.retry.ReadRetry;
import io.storefront.db.retry.RetryingTransactionTemplate;

/**
 * Login sessions. A login starts a refresh-token family; each refresh uses up the
 * presented token and issues the next one in the same family. Presenting a token that was
 * already used means two parties hold it (OAuth 2.0 Security BCP, refresh token
 * rotation), so the whole family is revoked and the legitimate client has to log in again
 * too. A family ends {@link SessionSettings#absoluteLifetime()} after its login however
 * often it was refreshed, and when the user's password or roles change.
 */
@Service
class SessionService {

	private static final Logger logger = LoggerFactory.getLogger(SessionService.class);

	private final UserRepository users;

	private final RefreshTokenRepository refreshTokens;

	private final PasswordHasher hasher;

	private final AccessTokenIssuer accessTokens;

	private final RetryingTransactionTemplate transactions;

	private final SessionSettings settings;

	private final LoginAttempts attempts;

	private final ReadRetry reads;

	SessionService(UserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
			AccessTokenIssuer accessTokens, RetryingTransactionTemplate transactions, SessionSettings settings,
			LoginAttempts attempts, ReadRetry reads) {
		this.users = users;
		this.refreshTokens = refreshTokens;
		this.hasher = hasher;
		this.accessTokens = accessTokens;
		this.transactions = transactions;
		this.settings = settings;
		this.attempts = attempts;
		this.reads = reads;
	}

	/**
	 * Unknown email and wrong password get the same answer after the same bcrypt work,
	 * and count the same against the email's allowance of failed logins.
	 */
	TokenResponse login(String email, String password) {
		String normalised = EmailAddress.normalise(email);
		UserAccount user = checkCredentials(normalised, password);
		String verifiedHash = user.passwordHash();
		UUID familyId = UUID.randomUUID();
		TokenResponse tokens = this.transactions.execute((status) -> {
			// The password was checked against a read without a lock. A change of
			// password or roles committed since revoked only the sessions that existed
			// then, so the session starts only if the account still has the password
			// that was checked, locked until it exists, and its tokens carry the roles it
			// has now.
			UserAccount current = this.users.findByIdForShare(user.id())
				.filter((account) -> account.passwordHash().equals(verifiedHash))
				.orElseThrow(UnauthorizedException::badCredentials);
			this.refreshTokens.startFamily(familyId, current.id());
			return issue(current, familyId);
		});
		logger.atInfo().addKeyValue("user_id", user.id()).log("login: user_id={}", user.id());
		return tokens;
	}

	/**
	 * The account whose password this is. The attempt is taken before the check, so that
	 * concurrent guesses cannot all slip through, and only a refused email and password
	 * keeps it: a login that could not be checked (bcrypt busy, the database failing) was
	 * no failed login, and the owner's must not spend the allowance.
	 */
	private UserAccount checkCredentials(String email, String password) {
		this.attempts.begin(email);
		boolean refused = false;
		try {
			// A read: run once more if its pooled connection was killed under it.
			Optional<UserAccount> user = this.reads.read(() -> this.users.findByEmail(email));
			if (user.isEmpty()) {
				this.hasher.burnTime(password);
			}
			else if (this.hasher.matches(password, user.get().passwordHash())) {
				return user.get();
			}
			refused = true;
			throw UnauthorizedException.badCredentials();
		}
		finally {
			if (!refused) {
				this.attempts.giveBack(email);
			}
		}
	}

	TokenResponse refresh(String refreshToken) {
		byte[] hash = RefreshTokens.hash(refreshToken);
		Optional<TokenResponse> rotated = this.transactions.execute((status) -> this.refreshTokens
			.markUsed(hash, this.settings.absoluteLifetime())
			.flatMap((used) -> this.users.findByIdForShare(used.userId()).map((user) -> issue(user, used.familyId()))));
		if (rotated == null || rotated.isEmpty()) {
			revokeFamilyIfReplayed(hash);
			throw UnauthorizedException.invalidRefreshToken();
		}
		return rotated.get();
	}

	/**
	 * Ends the session of the refresh token and/or the one the access token was issued
	 * in. Idempotent, so a commit that loses its connection is resolved by asking the
	 * server, not left unknown.
	 */
	void logout(String refreshToken, UUID bearerUserId, UUID bearerSessionId) {
		this.transactions.executeIdempotent((status) -> {
			if (refreshToken != null) {
				this.refreshTokens.revokeFamilyOf(RefreshTokens.hash(refreshToken));
			}
			if (bearerUserId != null && bearerSessionId != null) {
				this.refreshTokens.revokeFamily(bearerSessionId, bearerUserId);
			}
			return null;
		});
	}

	/**
	 * Runs within the caller's transaction: the new refresh token and its family's use
	 * are committed together.
	 */
	private TokenResponse issue(UserAccount user, UUID familyId) {
		String refreshToken = RefreshTokens.generate();
		this.refreshTokens.insert(RefreshTokens.hash(refreshToken), familyId, user.id(), RefreshTokens.TIME_TO_LIVE,
				this.settings.absoluteLifetime());
		String accessToken = this.accessTokens.issue(user.id(), user.email(), user.roles(), familyId);
		return new TokenResponse(accessToken, TokenResponse.BEARER, AccessTokenIssuer.TIME_TO_LIVE.toSeconds(),
				refreshToken);
	}

	private void revokeFamilyIfReplayed(byte[] hash) {
		this.refreshTokens.find(hash).filter(RefreshTokenRepository.TokenState::used).ifPresent((state) -> {
			if (this.refreshTokens.revokeFamily(state.familyId())) {
				logger.atWarn()
					.addKeyValue("user_id", state.userId())
					.addKeyValue("family_id", state.familyId())
					.log("a used refresh token was presented again; revoked its whole family: user_id={} family_id={}",
							state.userId(), state.familyId());
			}
		});
	}

}
