package io.storefront.auth.user;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressTests {

	@Test
	void normalisingTrimsAndLowerCases() {
		assertThat(EmailAddress.normalise("  Ann.Lee@Example.COM \t")).isEqualTo("ann.lee@example.com");
	}

	@Test
	void oneAddressHasOneSpellingWhateverItsCaseAndComposition() {
		assertThat(EmailAddress.normalise("J\u030cohn@example.com")).isEqualTo("\u01f0ohn@example.com")
			.isEqualTo(EmailAddress.normalise("\u01f0ohn@example.com"))
			.isEqualTo(EmailAddress.normalise("j\u030cohn@Example.com"));
	}

	@Test
	void normalisingComposesUnicode() {
		String decomposed = "jose\u0301@example.com";
		assertThat(EmailAddress.normalise(decomposed)).isEqualTo("jos\u00e9@example.com");
	}

	@Test
	void aDomainHasOneSpellingItsUnicodeForm() {
		assertThat(EmailAddress.normalise("ann@xn--exmple-cua.com")).isEqualTo("ann@ex\u00e4mple.com")
			.isEqualTo(EmailAddress.normalise("ann@XN--EXMPLE-CUA.com"))
			.isEqualTo(EmailAddress.normalise("Ann@Ex\u00c4mple.com"));
		assertThat(EmailAddress.normalise("xn--ann@example.com")).isEqualTo("xn--ann@example.com");
		// Left as sent: IDNA cannot decode it, or decodes it to a symbol.
		assertThat(EmailAddress.normalise("ann@xn--zz.com")).isEqualTo("ann@xn--zz.com");
		assertThat(EmailAddress.normalise("ann@xn--i-7iq.ws")).isEqualTo("ann@xn--i-7iq.ws");
	}

	@Test
	void aDomainTypedWithCompatibilityCharactersHasItsPlainSpelling() {
		assertThat(EmailAddress.normalise("zoe@\uff45xample.com")).isEqualTo("zoe@example.com");
		assertThat(EmailAddress.normalise("bob@\ufb01nance.com")).isEqualTo("bob@finance.com");
		assertThat(EmailAddress.normalise("ann@\uff45x\u00e4mple.com")).isEqualTo("ann@ex\u00e4mple.com");
		assertThat(EmailAddress.normalise("ann@stra\u00dfe.de")).as("IDNA 2008 tells it from strasse.de")
			.isEqualTo("ann@stra\u00dfe.de");
		assertThat(EmailAddress.normalise("ann@\u03c3\u03bf\u03c6\u03af\u03b1\u03c2.gr")).as("final sigma stays")
			.isEqualTo("ann@\u03c3\u03bf\u03c6\u03af\u03b1\u03c2.gr");
		assertThat(EmailAddress.normalise("ann@a\uff0eb.com")).as("one label that is two once mapped")
			.isEqualTo("ann@a.b.com");
		assertThat(EmailAddress.normalise("\uff45ve@example.com")).as("the local part is not the domain's business")
			.isEqualTo("\uff45ve@example.com");
		assertThat(EmailAddress.isValid("zoe@\uff45xample.com")).isTrue();
	}

	@Test
	void aSharpSDomainHasOneSpellingAndIsNotTheSsDomain() {
		assertThat(EmailAddress.normalise("ann@xn--strae-oqa.de")).isEqualTo("ann@stra\u00dfe.de")
			.isEqualTo(EmailAddress.normalise("Ann@STRA\u00dfE.de"))
			.isEqualTo(EmailAddress.normalise("ann@XN--STRAE-OQA.DE"));
		assertThat(EmailAddress.normalise("ann@strasse.de")).isEqualTo("ann@strasse.de");
		assertThat(EmailAddress.normalise("ann@xn--strae-oqa.de"))
			.isNotEqualTo(EmailAddress.normalise("ann@strasse.de"));
		assertThat(EmailAddress.isValid("ann@xn--strae-oqa.de")).isTrue();
		assertThat(EmailAddress.isValid("ann@stra\u00dfe.de")).isTrue();
	}

	@Test
	void anAsciiFormTypedInFullwidthLettersIsDecodedToo() {
		String fullwidth = "ann@\uff58\uff4e--exmple-cua.com";
		assertThat(EmailAddress.normalise(fullwidth)).isEqualTo("ann@ex\u00e4mple.com")
			.isEqualTo(EmailAddress.normalise(EmailAddress.normalise(fullwidth)));
		assertThat(EmailAddress.normalise("ann@\uff38\uff2e--EXMPLE-CUA.com")).isEqualTo("ann@ex\u00e4mple.com");
	}

	@Test
	void labelsWithCombiningMarksAreTakenAndDecodedToThem() {
		assertThat(EmailAddress.isValid("ravi@\u092d\u093e\u0930\u0924.in")).as("Devanagari").isTrue();
		assertThat(EmailAddress.isValid("som@\u0e17\u0e35\u0e27\u0e35.th")).as("Thai").isTrue();
		assertThat(EmailAddress.normalise("ravi@xn--h2brj9c.in")).isEqualTo("ravi@\u092d\u093e\u0930\u0924.in");
		assertThat(EmailAddress.normalise("som@xn--o3c6a2bb.th")).isEqualTo("som@\u0e17\u0e35\u0e27\u0e35.th");
		assertThat(EmailAddress.isValid("ann@\u0301abc.com")).as("a label cannot begin with a mark").isFalse();
	}

	@Test
	void aDomainWithTwoHyphensInItsThirdAndFourthPlacesKeepsItsSpelling() {
		assertThat(EmailAddress.normalise(" Ann@My--Shop.com")).isEqualTo("ann@my--shop.com");
		assertThat(EmailAddress.normalise("ann@\uff4dy--shop.com")).isEqualTo("ann@my--shop.com");
	}

	@Test
	void aLabelUts46RefusesIsKeptAsTypedAndRefused() {
		// IDNA 2003 mapped the parenthesised digit to "1.", IDNA 2008 disallows it.
		assertThat(EmailAddress.normalise("ann@a\u2488b.com")).isEqualTo("ann@a\u2488b.com");
		assertThat(EmailAddress.isValid("ann@a\u2488b.com")).isFalse();
		// One such label does not keep the others from their canonical form.
		assertThat(EmailAddress.normalise("ann@\uff45x.xn--zz.com")).isEqualTo("ann@ex.xn--zz.com");
		assertThat(EmailAddress.isValid("ann@xn--zz.com")).as("not Punycode").isFalse();
		assertThat(EmailAddress.isValid("ann@xn--i-7iq.com")).as("i\u2764, refused when typed so").isFalse();
		assertThat(EmailAddress.isValid("bob@xn--ls8h.la")).as("a symbol alone").isFalse();
		assertThat(EmailAddress.isValid("ann@i\u2764.com")).isFalse();
	}

	@Test
	void aDomainWithThePunctuationIdnaAllowsInContextIsTakenInEitherSpelling() {
		assertThat(EmailAddress.normalise("ann@xn--cella-sja.cat")).isEqualTo("ann@cel\u00b7la.cat");
		assertThat(EmailAddress.isValid("ann@xn--cella-sja.cat")).isTrue();
		assertThat(EmailAddress.isValid("ann@cel\u00b7la.cat")).isTrue();
		assertThat(EmailAddress.isValid("ann@a\u00b7b.cat")).as("a middle dot not between two l").isFalse();
		assertThat(EmailAddress.isValid("ann@\u30a2\u30fb\u30a4.jp")).as("katakana middle dot").isTrue();
		assertThat(EmailAddress.isValid("ann@xn--mgbn2ecje63gr19l.ir")).as("a joiner renders as nothing").isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ann@example.com", " ANN@EXAMPLE.COM ", "first.last+tag@sub.example.co.uk",
			"o'brien@example.ie", "x'OR'1'='1@example.com", "jos\u00e9@b\u00fccher.de", "a@b.io",
			// IDNA 2008 reserves "--" in a label's third and fourth places, DNS does not
			"ann@my--shop.com", "ann@mail.ab--cd.example.org" })
	void acceptsOrdinaryAddresses(String email) {
		assertThat(EmailAddress.isValid(email)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "ann", "ann@", "@example.com", "ann@example", "ann@@example.com",
			"ann@exa mple.com", "an n@example.com", "ann@example.c", "ann@-example.com", "ann@example-.com",
			"ann@example..com", ".ann@example.com", "ann.@example.com", "a..b@example.com", "ann@example.com.",
			"robert'); DROP TABLE users;--@example.com", "ann\u0000@example.com", "<ann>@example.com",
			"ann@exam_ple.com",
			// spaces and invisible characters an ASCII whitespace or control check
			// misses, such as a zero-width space that makes another admin@ look alike
			"a\u00a0nn@example.com", "admin\u200b@example.com", "ann\u2028@example.com", "ann\u202e@example.com",
			"ann\u3000@example.com", "ann\ufeff@example.com", "ann\u0085@example.com", "alice\u034f@example.com",
			"admin\ufe0e@storefront.local", "alice\udb40\udd00@example.com", "ann@exam\u3164ple.com",
			"ann\u180b@example.com", "ann@example\uffa0.com",
			// invisible characters IDNA maps to nothing, in a domain
			"ann@exam\u00adple.com", "ann@exam\u200bple.com", "ann@ex\u034fample.com", "ann@example\ufe0f.com",
			// IDNA refuses a label that mixes directions
			"ann@a\u05e9b.com" })
	void refusesWhatIsNotAnAddress(String email) {
		assertThat(EmailAddress.isValid(email)).isFalse();
	}

	@Test
	void refusesOverlongAddresses() {
		assertThat(EmailAddress.isValid("a".repeat(65) + "@example.com")).isFalse();
		assertThat(EmailAddress.isValid(
				"a@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + "." + "e".repeat(63) + ".com"))
			.isFalse();
		assertThat(EmailAddress.isValid(null)).isFalse();
		// 60 characters, but 66 in the label's ASCII form (xn--…), which DNS limits to
		// 63.
		assertThat(EmailAddress.isValid("ann@" + "\u00e4".repeat(60) + ".com")).isFalse();
	}

	@Test
	void refusesAnAddressTypedLongerThanALoginMayBeEvenWhenItsSpellingIsShorter() {
		String address = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(56) + ".com";
		assertThat(address).hasSize(253);
		assertThat(EmailAddress.isValid(address)).isTrue();
		assertThat(EmailAddress.isValid(" " + address)).isTrue();
		assertThat(EmailAddress.isValid("  " + address)).as("253 once trimmed, but 255 as typed").isFalse();
		String decomposed = "e\u0301".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + ".com";
		assertThat(EmailAddress.isValid(decomposed)).as("196 characters once composed, 260 as typed").isFalse();
		assertThat(EmailAddress.isValid(decomposed.substring(12))).as("190 once composed, 248 as typed").isTrue();
	}

	@Test
	void refusesADomainTooLongForDnsOnceEncoded() {
		// Six labels of 30 characters (each 46 or so once encoded, within 63): 191
		// characters in all, but 269 in ASCII form, over DNS's 253.
		String label = "\u00e4\u00f6\u00fc\u00e9\u00e8\u00ea\u00eb\u00ef\u00ee\u00f4\u00fb\u00e0\u00e7".repeat(2)
				+ "abcd";
		String domain = String.join(".", java.util.Collections.nCopies(6, label)) + ".com";
		assertThat(EmailAddress.isValid("x@" + domain)).isFalse();
		// The same letters in a domain whose ASCII form fits are fine.
		assertThat(EmailAddress.isValid("x@" + label + "." + label + ".com")).isTrue();
	}

}
