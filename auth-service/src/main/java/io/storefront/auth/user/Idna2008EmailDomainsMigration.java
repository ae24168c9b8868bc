package io.storefront.auth.user;

import org.springframework.stereotype.Component;

/**
 * V8: email domains are now read with UTS #46, IDNA 2008's mapping
 * ({@link EmailAddress#normalise}), in place of Java's IDNA 2003 and NFKC. Emails stored
 * before in a spelling it reads otherwise could no longer log in:
 * {@code xn--strae-oqa.de} (IDNA 2003 could not decode it, it is {@code straße.de}),
 * {@code xn--h2brj9c.in} (labels with combining marks were not taken, it is
 * {@code भारत.in}), {@code xn--exmple-cua.com} registered as {@code ｘｎ--exmple-cua.com}
 * (it is {@code exämple.com}), or a Unicode label NFKC mapped otherwise than UTS #46 does
 * (Thai's sara am, which UTS #46 spells as two characters; Cherokee letters, which it
 * folds to capitals).
 * <p>
 * The candidates are the emails with an {@code xn--} label in their domain or any
 * character outside ASCII: for any other, the old and the new spelling are the same (both
 * lower-case it, and UTS #46 maps ASCII only by lower-casing and decodes {@code xn--}
 * labels only; a label it refuses stays as it is stored). Most emails are neither, and
 * are not read; one with non-ASCII in its local part only is read, and left as it is.
 * Non-ASCII is found by a character class rather than by comparing byte and character
 * counts, which are equal in a database whose encoding is {@code SQL_ASCII}.
 */
@Component
class Idna2008EmailDomainsMigration extends EmailSpellingMigration {

	Idna2008EmailDomainsMigration() {
		super("8", "idna 2008 email domains",
				"SELECT id, email FROM users WHERE email ~* '@(.*\\.)?xn--' OR email ~ '[^\\x01-\\x7f]'");
	}

}
