package io.storefront.auth.limit;

/**
 * Limits the wrong passwords tried against one account, from however many addresses. An
 * attempt takes a token before the password is checked (so concurrent guesses cannot all
 * slip through) and every attempt that does not end in a wrong password or an unknown
 * email gives it back: a successful login, and one that could not be checked (bcrypt
 * busy, the database failing). So the owner's own logins cost nothing once they are
 * answered, and once guessing stops the owner waits at most one refill interval. While a
 * login runs it holds its token, so more logins at once for one account than its
 * allowance are refused too.
 */
public interface LoginAttempts {

	/**
	 * Takes one attempt for the (normalised) email. @throws
	 * io.storefront.web.problem.RetryLaterException when none is left
	 */
	void begin(String email);

	/**
	 * The attempt ended without refusing the email and password (it succeeded, or the
	 * password could not be checked): it does not count.
	 */
	void giveBack(String email);

}
