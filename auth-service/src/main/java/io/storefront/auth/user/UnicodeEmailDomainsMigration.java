package io.storefront.auth.user;

import org.springframework.stereotype.Component;

/**
 * V6: emails are now stored with their domain in Unicode
 * ({@link EmailAddress#normalise}), so an account registered as
 * {@code ann@xn--exmple-cua.com} is looked up as {@code ann@exämple.com} and could no
 * longer log in: the emails with a label in ASCII form are spelled anew.
 */
@Component
class UnicodeEmailDomainsMigration extends EmailSpellingMigration {

	UnicodeEmailDomainsMigration() {
		super("6", "unicode email domains", "SELECT id, email FROM users WHERE email ~ '@(.*\\.)?xn--'");
	}

}
