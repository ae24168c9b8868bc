package io.storefront.auth.user;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * Creates accounts: normalised email, bcrypt hash, {@code user} role; a taken email is a
 * 409.
 */
@Service
class Registration {

	private static final Logger logger = LoggerFactory.getLogger(Registration.class);

	private final UserRepository users;

	private final PasswordHasher hasher;

	private final TransactionTemplate transactions;

	Registration(UserRepository users, PasswordHasher hasher, TransactionTemplate transactions) {
		this.users = users;
		this.hasher = hasher;
		this.transactions = transactions;
	}

	/**
	 * The insert runs in a transaction, so that a connection lost before its commit is
	 * retried and one lost in the commit is said to have an unknown outcome.
	 */
	UserAccount register(RegisterRequest request) {
		String email = EmailAddress.normalise(request.email());
		String passwordHash = this.hasher.hash(request.password());
		UserAccount user = this.transactions
			.execute((status) -> this.users.insertIfEmailFree(email, passwordHash, fullName(request.fullName())))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.CONFLICT,
					"an account with this email already exists"));
		logger.atInfo().addKeyValue("user_id", user.id()).log("account registered: user_id={}", user.id());
		return user;
	}

	private static String fullName(String fullName) {
		return (fullName == null || fullName.isBlank()) ? null : fullName.strip();
	}

}
