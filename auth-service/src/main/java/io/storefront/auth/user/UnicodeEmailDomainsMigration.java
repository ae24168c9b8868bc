package io.storefront.auth.user;

import org.springframework.stereotype.Component;

/**
 * V6: emails are now stored with their domain in Unicode
 * ({@link EmailAddress#normalise}), so an account registered as
 * {@code ann@xn--exmple-cua.com} is looked up as {@code ann@exämple.com} and could no
 * longer log in: the emails with a label in ASCII form are spelled anew. As
 * {@code normalise} spells them today: on a database this had not run on yet, it may also
 * respell their other labels, as V7 would right after.
 */
@Component
class UnicodeEmailDomainsMigration extends EmailSpellingMigration {

	UnicodeEmailDomainsMigration() {
		super("6", "unicode email domains", "SELECT id, email FROM users WHERE email ~ '@(.*\\.)?xn--'");
	}

}
