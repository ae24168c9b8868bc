package io.storefront.auth.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import com.ibm.icu.text.IDNA;

/**
 * How this service reads an email address: trimmed, Unicode NFC, lower-cased, with the
 * domain in its canonical Unicode form, so that {@code " Ann@Example.COM "} and
 * {@code "ann@example.com"} are one account, and so are {@code ann@xn--exmple-cua.com},
 * {@code ann@exämple.com}, {@code ann@ｅxämple.com} (fullwidth {@code ｅ}) and
 * {@code ann@ｘｎ--exmple-cua.com}. The shape check is deliberately plain (RFC 5321
 * lengths, one {@code @}, a dotted domain, no spaces, control or invisible characters);
 * whether the mailbox exists is not this service's business.
 */
public final class EmailAddress {

	public static final int MAX_LENGTH = 254;

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
	 * What a domain may not be typed with at registration, though UTS #46 maps most of it
	 * to nothing (a soft hyphen, a zero-width space, a variation selector), so that no
	 * registered address shows characters its account's spelling lacks. (A login typed
	 * with one reaches the account spelled without it, as mail would.)
	 */
	private static final Pattern HIDDEN_IN_DOMAIN = Pattern.compile("[\\s\\p{Z}\\p{C}]");

	/**
	 * UTS #46 with IDNA 2008's rules: non-transitional, so {@code ß} and {@code ς} stay
	 * themselves ({@code straße.de} and {@code strasse.de} are two domains); host names'
	 * letters, digits and hyphens only (STD3); the bidirectional, joiner and context
	 * rules of RFC 5893 and RFC 5892. The same for the canonical form and for the check,
	 * so that every domain the check takes has one. Thread-safe.
	 */
	private static final IDNA IDNA_2008 = IDNA
		.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.USE_STD3_RULES
				| IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.CHECK_CONTEXTO);

	/**
	 * A label as this service takes it, in Unicode: a letter or digit first (IDNA refuses
	 * a combining mark there), then letters, digits, combining marks (Devanagari's and
	 * Thai's vowel signs: {@code भारत}, {@code ทีวี}), hyphens and the visible
	 * punctuation IDNA 2008 allows in context and UTS #46 has checked it in (RFC 5892's
	 * CONTEXTO: the Catalan middle dot of {@code cel·la}, the Greek keraia, the Hebrew
	 * geresh and gershayim, the katakana middle dot), not a hyphen last. The joiners
	 * (CONTEXTJ) are not taken: they render as nothing.
	 */
	private static final Pattern DOMAIN_LABEL = Pattern.compile(
			"[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\p{M}\\u00B7\\u0375\\u05F3\\u05F4\\u30FB-]{0,61}[\\p{L}\\p{N}\\p{M}\\u05F3\\u05F4\\u30FB])?");

	private EmailAddress() {
	}

	/**
	 * Trimmed, composed, lower-cased and composed again: lower-casing can leave a letter
	 * and its combining mark apart ({@code J} + U+030C becomes {@code j} + U+030C, which
	 * composes to {@code ǰ}), and one address must have one spelling. For the same reason
	 * the domain is put in one Unicode form.
	 */
	public static String normalise(String raw) {
		return withCanonicalDomain(typed(raw));
	}

	/** The address as typed, only trimmed, composed and lower-cased. */
	private static String typed(String raw) {
		String composed = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
		return Normalizer.normalize(composed.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
	}

	/**
	 * Each label in Unicode, the form people type and read and the accounts registered
	 * with an internationalised domain already hold, as UTS #46 maps and decodes it
	 * (non-transitional, as IDNA 2008 and the mail system read it): a label in ASCII form
	 * ({@code xn--…}) decoded, compatibility characters mapped to the plain ones
	 * (fullwidth letters, the ligature {@code ﬁ}), before the {@code xn--} is looked for,
	 * so {@code ｘｎ--exmple-cua} is {@code exämple} too; {@code ß} and {@code ς} kept.
	 * <p>
	 * A label UTS #46 reports an error for (it cannot decode {@code xn--zz}, it disallows
	 * {@code ⒈}, the label mixes writing directions), or whose form is not one this
	 * service takes (a symbol: {@code xn--i-7iq} is {@code i❤}), stays as typed: neither
	 * refused here nor half mapped. Its UTS #46 form is no spelling at all (U+FFFD stands
	 * in for what it cannot map), and {@code normalise} also spells the emails logins
	 * look up and migrations respell: an account stored under such a label before (Java's
	 * IDNA 2003 took {@code ann@xn--zz.com} as it was) still logs in with the spelling it
	 * is stored under. Whether the address is taken is {@link #isValid}'s decision, which
	 * refuses it at registration. Label by label, so that one such label does not keep
	 * the others from their canonical form.
	 */
	private static String withCanonicalDomain(String email) {
		int at = email.lastIndexOf('@');
		String[] labels = email.substring(at + 1).split("\\.", -1);
		for (int i = 0; i < labels.length; i++) {
			labels[i] = canonicalLabel(labels[i]);
		}
		return email.substring(0, at + 1) + String.join(".", labels);
	}

	/**
	 * A label's canonical form can be several labels ({@code ｅx。com} is {@code ex.com}).
	 */
	private static String canonicalLabel(String label) {
		StringBuilder canonical = new StringBuilder();
		IDNA.Info info = new IDNA.Info();
		IDNA_2008.nameToUnicode(label, canonical, info);
		return (isTaken(info) && isDomainLabels(canonical.toString())) ? canonical.toString() : label;
	}

	/**
	 * Whether every label of {@code domain} is one this service takes, in Unicode: one
	 * still in IDNA's ASCII form once canonical decodes to a form it does not take
	 * ({@code xn--i-7iq} is {@code i❤}, refused when typed so), and the one mailbox would
	 * have a spelling that registers and one that does not.
	 */
	private static boolean isDomainLabels(String domain) {
		for (String label : domain.split("\\.", -1)) {
			if (!DOMAIN_LABEL.matcher(label).matches() || label.startsWith("xn--")) {
				return false;
			}
		}
		return true;
	}

	/** Whether {@code raw}, once normalised, is shaped like an email address. */
	public static boolean isValid(String raw) {
		// As typed, before any of the work below, whose cost grows with the length and
		// holds a thread that is not time-sliced; no account's address, and no login's
		// email, is longer.
		if (raw == null || raw.length() > MAX_LENGTH) {
			return false;
		}
		String typed = typed(raw);
		String email = withCanonicalDomain(typed);
		if (INVISIBLE.matcher(typed).find() || INVISIBLE.matcher(email).find()
				|| HIDDEN_IN_DOMAIN.matcher(typed.substring(typed.lastIndexOf('@') + 1)).find()) {
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
	 * Whether UTS #46 takes the whole domain in ASCII form, DNS's: it refuses, for
	 * example, a label longer than 63 characters once encoded, a label mixing
	 * right-to-left and left-to-right letters, an {@code xn--} label that does not
	 * decode, or a name longer than DNS's 253 characters once encoded.
	 */
	private static boolean isDomainName(String domain) {
		IDNA.Info info = new IDNA.Info();
		IDNA_2008.nameToASCII(domain, new StringBuilder(), info);
		return isTaken(info);
	}

	/**
	 * Whether UTS #46 found nothing wrong but {@code --} in a label's third and fourth
	 * places ({@code my--shop.com}): IDNA 2008 reserves those for prefixes like
	 * {@code xn--}, but such names exist in DNS and Java's IDNA took them, so addresses
	 * and accounts with them stay valid.
	 */
	private static boolean isTaken(IDNA.Info info) {
		return info.getErrors().stream().allMatch((error) -> error == IDNA.Error.HYPHEN_3_4);
	}

}
