package io.storefront.auth.user;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

import io.storefront.web.problem.RetryLaterException;

/**
 * bcrypt (cost 10, random salt per hash) of the password's
 * {@link PasswordPolicy#normalise normalised} form. {@link #burnTime(String)} does the
 * work of a failed check against a throw-away hash, so that a login for an unknown email
 * takes as long as one with a wrong password.
 *
 * <p>
 * A bulkhead bounds the computations running at once. Virtual threads are not
 * time-sliced: without it, a flood of logins would occupy every carrier thread with
 * bcrypt and leave the health probes and the JWKS queued behind them. A computation that
 * cannot start within the configured wait is refused with 503 and {@code Retry-After}:
 * the service is busy for everyone, which is not the client's fault (the rate limits'
 * 429).
 */
@Component
public class PasswordHasher {

	static final int COST = 10;

	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(COST);

	private final String dummyHash = this.encoder.encode("not a real password, only here to spend time");

	private final Bulkhead bulkhead;

	public PasswordHasher(PasswordHashingSettings settings) {
		this.bulkhead = Bulkhead.of("password-hashing",
				BulkheadConfig.custom()
					.maxConcurrentCalls(settings.concurrency())
					.maxWaitDuration(settings.maxWait())
					.fairCallHandlingStrategyEnabled(true)
					.build());
	}

	public String hash(String password) {
		String normalised = PasswordPolicy.normalise(password);
		return bounded(() -> this.encoder.encode(normalised));
	}

	/**
	 * Whether {@code password} matches {@code hash}; a password bcrypt cannot take never
	 * matches.
	 */
	public boolean matches(String password, String hash) {
		if (password.length() > PasswordPolicy.MAX_TYPED_LENGTH) {
			// Too long to be any password bcrypt can take: refused as slowly as a wrong
			// one, and never normalised.
			return bounded(this::spendOneComparison);
		}
		// Accounts registered before passwords were normalised hold a hash of the
		// password as it was typed. Trying that too keeps them from being locked out;
		// re-hashing on success is not done, since a new hash ends every session of the
		// account. Both comparisons take one turn: were the second refused as busy (503),
		// a wrong guess would be given back to the account's login allowance after the
		// first had already been compared. Normalising takes the turn too: it is work an
		// attacker chooses the size of.
		return bounded(() -> {
			String normalised = PasswordPolicy.normalise(password);
			return check(normalised, hash) || (!normalised.equals(password) && check(password, hash));
		});
	}

	/**
	 * Does the work {@link #matches} does for {@code password} when it fails, so that an
	 * unknown account answers as slowly as a wrong password.
	 */
	public void burnTime(String password) {
		matches(password, this.dummyHash);
	}

	/**
	 * One comparison; the caller holds a turn. Spring's encoder answers an empty password
	 * at once, which would tell it apart from a wrong one.
	 */
	private boolean check(String password, String hash) {
		if (password.isEmpty() || !PasswordPolicy.fitsBcrypt(password)) {
			return spendOneComparison();
		}
		return this.encoder.matches(password, hash);
	}

	/** As long as one comparison takes; never a match. */
	private boolean spendOneComparison() {
		this.encoder.matches("a wrong password for the dummy hash", this.dummyHash);
		return false;
	}

	private <T> T bounded(Supplier<T> work) {
		try {
			return this.bulkhead.executeSupplier(work);
		}
		catch (BulkheadFullException ex) {
			throw RetryLaterException.busy("too many sign-ins at once; retry shortly", RETRY_AFTER);
		}
	}

}
