package io.storefront.auth.user;

import org.springframework.stereotype.Component;

/**
 * V7: a domain label typed in Unicode is now stored with its compatibility characters
 * mapped to plain ones ({@link EmailAddress#normalise}), so an account registered as
 * {@code zoe@ｅxample.com} (fullwidth {@code ｅ}) is looked up as {@code zoe@example.com}
 * and could no longer log in. Any label may be spelled anew, so every email is looked at.
 */
@Component
class CanonicalEmailDomainsMigration extends EmailSpellingMigration {

	CanonicalEmailDomainsMigration() {
		super("7", "canonical email domains", "SELECT id, email FROM users");
	}

}
