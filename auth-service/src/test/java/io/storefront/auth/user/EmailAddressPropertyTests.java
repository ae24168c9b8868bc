package io.storefront.auth.user;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One address has one spelling: the spelling {@link EmailAddress#normalise} gives is
 * itself, whatever the address mixes (case, fullwidth letters, {@code ß}, combining
 * marks, labels in ASCII form, valid or not), so that looking it up again finds the same
 * account.
 */
class EmailAddressPropertyTests {

	/** Pieces of a label, chosen to meet the mappings IDNA makes. */
	private static final String[] PIECES = { "a", "Z", "ex", "mple", "-", "--", "1", "\u00e4", "A\u0308", "\u00df",
			"SS", "\u1e9e", "\u03c2", "\u03a3", "\uff45", "\uff38\uff4e--", "\uff41", "\ufb01", "\u2488", "\uff0e",
			"\u3002", "\u0301", "\u0308", "\u093e", "\u092d", "\u0930\u0924", "\u0e17", "\u0e35", "\u05e9", "\u0663",
			"\u06f3", "\u200d", "\u00ad", "\u13a0", "\uab70", "\u0130", "_", "\uff3f", "@", "\uff20", "\u2764" };

	/**
	 * Labels in ASCII form: valid ones, a fullwidth prefix and ones that do not decode.
	 */
	private static final String[] ACE_LABELS = { "xn--strae-oqa", "xn--exmple-cua", "XN--EXMPLE-CUA",
			"\uff58\uff4e--exmple-cua", "xn--h2brj9c", "xn--o3c6a2bb", "xn--zz", "xn--i-7iq", "xn--ls8h", "xn--",
			"xn--a", "xn--ab-0nd", "xn--9ca" };

	@Property(tries = 2000)
	void normalisingTwiceIsNormalisingOnce(@ForAll("addresses") String address) {
		String once = EmailAddress.normalise(address);
		assertThat(EmailAddress.normalise(once)).isEqualTo(once);
	}

	@Property(tries = 500)
	void aValidAddressStaysValidOnceNormalised(@ForAll("addresses") String address) {
		if (EmailAddress.isValid(address)) {
			assertThat(EmailAddress.isValid(EmailAddress.normalise(address))).isTrue();
		}
	}

	@Property(tries = 1000)
	void aValidAddressIsStoredWithEveryDomainLabelInUnicode(@ForAll("addresses") String address) {
		if (EmailAddress.isValid(address)) {
			String normalised = EmailAddress.normalise(address);
			assertThat(normalised.substring(normalised.lastIndexOf('@') + 1).split("\\."))
				.noneMatch((label) -> label.startsWith("xn--"));
		}
	}

	@Provide
	Arbitrary<String> addresses() {
		Arbitrary<String> local = Arbitraries.of("ann", "Ann", "jos\u00e9", "J\u030cohn", "\uff45ve", "xn--ann",
				"stra\u00dfe");
		Arbitrary<String> label = Arbitraries.oneOf(
				Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(5).map((pieces) -> String.join("", pieces)),
				Arbitraries.of(ACE_LABELS), Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(8));
		Arbitrary<String> tld = Arbitraries.of("com", "de", "in", "th", "\u0440\u0444", "\uff43\uff4f\uff4d",
				"xn--p1ai");
		return label.list()
			.ofMinSize(1)
			.ofMaxSize(3)
			.flatMap((labels) -> local
				.flatMap((name) -> tld.map((last) -> name + "@" + String.join(".", labels) + "." + last)));
	}

}
