package io.storefront.auth.limit;

/**
 * Limits the wrong passwords tried against one account, from however many addresses. An
 * attempt takes a token before the password is checked (so concurrent guesses cannot all
 * slip through) and a successful login gives it back: the owner's own logins cost
 * nothing, and once guessing stops the owner waits at most one refill interval.
 */
public interface LoginAttempts {

	/**
	 * Takes one attempt for the (normalised) email. @throws
	 * io.storefront.auth.web.RetryLaterException when none is left
	 */
	void begin(String email);

	/** The attempt succeeded: it does not count. */
	void succeeded(String email);

}
