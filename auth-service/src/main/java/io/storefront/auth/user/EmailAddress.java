package io.storefront.auth.user;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How this service reads an email address: trimmed, Unicode NFC, lower-cased, with the
 * domain in its canonical Unicode form, so that {@code " Ann@Example.COM "} and
 * {@code "ann@example.com"} are one account, and so are {@code ann@xn--exmple-cua.com},
 * {@code ann@exämple.com} and {@code ann@ｅxämple.com} (fullwidth {@code ｅ}). The shape
 * check is deliberately plain (RFC 5321 lengths, one {@code @}, a dotted domain, no
 * spaces, control or invisible characters); whether the mailbox exists is not this
 * service's business.
 */
public final class EmailAddress {

	public static final int MAX_LENGTH = 254;

	/** DNS's limit on a name in ASCII form (RFC 1035, without the final dot). */
	private static final int MAX_DOMAIN_LENGTH = 253;

	private static final int MAX_LOCAL_PART_LENGTH = 64;

	private static final Pattern LOCAL_PART = Pattern.compile("[^\\s\\p{Z}\\p{C}@\"(),:;<>\\[\\]\\\\]+");

	/**
	 * Unicode's default-ignorable code points that are not format characters (those are
	 * refused with every other {@code \p{C}}): combining grapheme joiner, Hangul fillers,
	 * Khmer inherent vowels, Mongolian and other variation selectors. They render as
	 * nothing, so {@code alice\u034F@example.com} would look like another account.
	 */
	private static final Pattern INVISIBLE = Pattern.compile(
			"[\\u034F\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u3164\\uFE00-\\uFE0F\\uFFA0\\x{E0100}-\\x{E01EF}]");

	/**
	 * IDNA's defaults: unassigned code points refused, STD3 rules not applied. The same
	 * for the check and for the canonical form, so that every domain the check takes has
	 * one.
	 */
	private static final int IDNA_FLAGS = 0;

	/** How a label in IDNA's ASCII form begins (after lower-casing). */
	private static final String ACE_PREFIX = "xn--";

	private static final Pattern DOMAIN_LABEL = Pattern
		.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?");

	private EmailAddress() {
	}

	/**
	 * Trimmed, composed, lower-cased and composed again: lower-casing can leave a letter
	 * and its combining mark apart ({@code J} + U+030C becomes {@code j} + U+030C, which
	 * composes to {@code ǰ}), and one address must have one spelling. For the same reason
	 * each domain label is put in one Unicode form.
	 */
	public static String normalise(String raw) {
		String composed = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
		return withCanonicalDomain(Normalizer.normalize(composed.toLowerCase(Locale.ROOT), Normalizer.Form.NFC));
	}

	/**
	 * Each label in Unicode, the form people type and read and the accounts registered
	 * with an internationalised domain already hold: a label in IDNA's ASCII form
	 * ({@code xn--…}) decoded, any other with its compatibility characters mapped to the
	 * plain ones (NFKC: fullwidth letters, the ligature {@code ﬁ}), as the mail system
	 * maps them. Not IDNA 2003's whole mapping, which {@link IDN} would apply: it also
	 * turns {@code ß} into {@code ss} and {@code ς} into {@code σ}, which IDNA 2008 tells
	 * apart ({@code straße.de} and {@code strasse.de} are two domains). A label stays as
	 * it is when it is not one this service takes, or when its mapped form is not one
	 * (such as a symbol), so that no address accepted before is refused now.
	 */
	private static String withCanonicalDomain(String email) {
		int at = email.lastIndexOf('@');
		String[] labels = email.substring(at + 1).split("\\.", -1);
		for (int i = 0; i < labels.length; i++) {
			labels[i] = canonicalLabel(labels[i]);
		}
		return email.substring(0, at + 1) + String.join(".", labels);
	}

	private static String canonicalLabel(String label) {
		if (!DOMAIN_LABEL.matcher(label).matches()) {
			return label;
		}
		String canonical = label.startsWith(ACE_PREFIX) ? IDN.toUnicode(label, IDNA_FLAGS) : Normalizer.normalize(
				Normalizer.normalize(label, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
		return isDomainLabels(canonical) ? canonical : label;
	}

	/**
	 * Whether every label of {@code domain} is one this service takes. A label's
	 * canonical form can be several ({@code a⒈b} is {@code a1.b}).
	 */
	private static boolean isDomainLabels(String domain) {
		for (String label : domain.split("\\.", -1)) {
			if (!DOMAIN_LABEL.matcher(label).matches()) {
				return false;
			}
		}
		return true;
	}

	/** Whether {@code raw}, once normalised, is shaped like an email address. */
	public static boolean isValid(String raw) {
		if (raw == null) {
			return false;
		}
		String email = normalise(raw);
		if (INVISIBLE.matcher(email).find()) {
			return false;
		}
		int at = email.lastIndexOf('@');
		if (email.length() > MAX_LENGTH || at < 1 || at > MAX_LOCAL_PART_LENGTH || email.indexOf('@') != at) {
			return false;
		}
		String local = email.substring(0, at);
		String domain = email.substring(at + 1);
		if (!LOCAL_PART.matcher(local).matches() || local.startsWith(".") || local.endsWith(".")
				|| local.contains("..")) {
			return false;
		}
		String[] labels = domain.split("\\.", -1);
		if (labels.length < 2 || labels[labels.length - 1].length() < 2) {
			return false;
		}
		return isDomainLabels(domain) && isDomainName(domain);
	}

	/**
	 * Whether IDNA takes the domain (it refuses, for example, a label too long once in
	 * ASCII form, or one mixing right-to-left and left-to-right letters), and its ASCII
	 * form fits DNS's 253 characters: Java's IDNA checks each label's length only.
	 */
	private static boolean isDomainName(String domain) {
		try {
			return IDN.toASCII(domain, IDNA_FLAGS).length() <= MAX_DOMAIN_LENGTH;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
