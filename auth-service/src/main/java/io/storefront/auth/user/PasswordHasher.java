package io.storefront.auth.user;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * bcrypt (cost 10, random salt per hash). {@link #burnTime()} does the work of one check against a
 * throw-away hash, so that a login for an unknown email takes as long as one with a wrong password.
 */
@Component
public class PasswordHasher {

	static final int COST = 10;

	private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(COST);

	private final String dummyHash = this.encoder.encode("not a real password, only here to spend time");

	public String hash(String password) {
		return this.encoder.encode(password);
	}

	/** Whether {@code password} matches {@code hash}; a password bcrypt cannot take never matches. */
	public boolean matches(String password, String hash) {
		if (!PasswordPolicy.fitsBcrypt(password)) {
			burnTime();
			return false;
		}
		return this.encoder.matches(password, hash);
	}

	public void burnTime() {
		this.encoder.matches("a wrong password for the dummy hash", this.dummyHash);
	}

}
