package io.storefront.auth.user;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.auth.AuthServiceTestSupport;
import io.storefront.web.testing.ApiTraffic;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An internationalised domain in its ASCII form ({@code xn--…}), in Unicode and typed
 * with compatibility characters (fullwidth letters, ligatures) is one mailbox, so one
 * account; V6 rewrites the emails stored in ASCII form before, V7 those stored in any
 * other spelling, V8 those IDNA 2003 and NFKC spelled otherwise than UTS #46 (IDNA 2008)
 * does.
 */
@ExtendWith({ ApiTraffic.Checked.class, OutputCaptureExtension.class })
class UnicodeEmailDomainsTests extends AuthServiceTestSupport {

	private static final String PASSWORD = "idn-password-1";

	@Autowired
	DataSource dataSource;

	@Autowired
	UnicodeEmailDomainsMigration migration;

	@Autowired
	CanonicalEmailDomainsMigration canonicalMigration;

	@Autowired
	Idna2008EmailDomainsMigration idna2008Migration;

	@Test
	void bothFormsOfADomainAreOneAccount() {
		String local = "ann-" + UUID.randomUUID().toString().substring(0, 8);
		String unicode = local + "@ex\u00e4mple.com";
		String ascii = local + "@xn--exmple-cua.com";

		assertThat(api().registered(ascii, PASSWORD).get("email").asString()).isEqualTo(unicode);
		api().register(unicode, PASSWORD).problem(409);
		assertThat(api().login(ascii, PASSWORD).status()).isEqualTo(200);
		assertThat(api().login(unicode, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void aDomainTypedWithCompatibilityCharactersIsTheSameAccount() {
		String local = "zoe-" + UUID.randomUUID().toString().substring(0, 8);
		String plain = local + "@example.com";
		String fullwidth = local + "@\uff45xample.com";
		String ligature = local + "@\ufb01nance.com";
		api().registered(plain, PASSWORD);
		assertThat(api().registered(ligature, PASSWORD).get("email").asString()).isEqualTo(local + "@finance.com");

		api().register(fullwidth, PASSWORD).problem(409);
		api().register(local + "@finance.com", PASSWORD).problem(409);

		assertThat(me(fullwidth)).isEqualTo(me(plain)).isEqualTo(plain);
		assertThat(me(ligature)).isEqualTo(me(local + "@finance.com")).isEqualTo(local + "@finance.com");
	}

	@Test
	void aSharpSDomainInEitherFormIsOneAccountAndNotTheSsDomainsAccount() {
		String local = "ann-" + UUID.randomUUID().toString().substring(0, 8);
		String unicode = local + "@stra\u00dfe.de";
		String ascii = local + "@xn--strae-oqa.de";
		String ss = local + "@strasse.de";

		assertThat(api().registered(unicode, PASSWORD).get("email").asString()).isEqualTo(unicode);
		api().register(ascii, PASSWORD).problem(409);
		assertThat(me(ascii)).isEqualTo(me(unicode)).isEqualTo(unicode);

		assertThat(api().registered(ss, PASSWORD).get("email").asString()).as("IDNA 2008: another domain")
			.isEqualTo(ss);
		assertThat(me(ss)).isEqualTo(ss);
	}

	@Test
	void anAsciiFormTypedInFullwidthLettersIsTheUnicodeFormsAccount() {
		String local = "ann-" + UUID.randomUUID().toString().substring(0, 8);
		String unicode = local + "@ex\u00e4mple.com";
		String fullwidth = local + "@\uff58\uff4e--exmple-cua.com";
		api().registered(unicode, PASSWORD);

		api().register(fullwidth, PASSWORD).problem(409);
		assertThat(me(fullwidth)).isEqualTo(unicode);
	}

	@Test
	void domainsWithCombiningMarksAreTakenInEitherForm() {
		String local = "ravi-" + UUID.randomUUID().toString().substring(0, 8);
		String devanagari = local + "@\u092d\u093e\u0930\u0924.in";
		String thai = local + "@\u0e17\u0e35\u0e27\u0e35.th";
		assertThat(api().registered(devanagari, PASSWORD).get("email").asString()).isEqualTo(devanagari);
		assertThat(api().registered(thai, PASSWORD).get("email").asString()).isEqualTo(thai);

		api().register(local + "@xn--o3c6a2bb.th", PASSWORD).problem(409);
		assertThat(me(local + "@xn--h2brj9c.in")).isEqualTo(me(devanagari)).isEqualTo(devanagari);
	}

	@Test
	void aDomainIdnaRefusesIsTheEmailsFault() {
		assertThat(api().register("ann@a\u05e9b.com", PASSWORD).problem(422).get("errors").toString())
			.contains("email");
	}

	@Test
	void anEmailStoredInAsciiFormIsRewrittenAndItsAccountLogsInAgain() throws SQLException {
		String local = "bo-" + UUID.randomUUID().toString().substring(0, 8);
		String unicode = local + "@b\u00fccher.de";
		String ascii = local + "@xn--bcher-kva.de";
		api().registered(unicode, PASSWORD);
		storeAs(unicode, ascii);
		api().login(unicode, PASSWORD).problem(401);

		migrate();

		assertThat(api().login(ascii, PASSWORD).status()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE version = '6' AND success")
			.query(Long.class)
			.single()).as("V6 ran at start-up").isEqualTo(1);
		assertThat(emailsLike(local)).isEqualTo(1);
	}

	@Test
	void aPairThatWouldCollideIsLeftAloneAndLoggedByIdForAnOperator(CapturedOutput output) throws SQLException {
		String local = "cy-" + UUID.randomUUID().toString().substring(0, 8);
		api().registered(local + "@b\u00fccher.de", PASSWORD);
		api().registered(local + "@pending.de", PASSWORD);
		storeAs(local + "@pending.de", local + "@xn--bcher-kva.de");

		migrate();

		assertThat(emailsLike(local)).isEqualTo(2);
		assertThat(api().login(local + "@b\u00fccher.de", PASSWORD).status()).isEqualTo(200);
		String kept = idOf(local + "@xn--bcher-kva.de");
		String reached = idOf(local + "@b\u00fccher.de");
		assertThat(output.getOut())
			.contains("account " + kept + " keeps its email as stored, since its new spelling " + "is account "
					+ reached + "'s")
			.doesNotContain(local);
	}

	@Test
	void anEmailStoredInACompatibilitySpellingIsRewrittenAndItsAccountLogsInAgain() throws SQLException {
		String local = "bob-" + UUID.randomUUID().toString().substring(0, 8);
		String plain = local + "@finance.com";
		api().registered(plain, PASSWORD);
		storeAs(plain, local + "@\ufb01nance.com");
		api().login(plain, PASSWORD).problem(401);

		migrateCanonical();

		assertThat(me(local + "@\ufb01nance.com")).isEqualTo(plain);
		assertThat(this.jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE version = '7' AND success")
			.query(Long.class)
			.single()).as("V7 ran at start-up").isEqualTo(1);
		assertThat(emailsLike(local)).isEqualTo(1);
	}

	@Test
	void aCompatibilitySpellingThatWouldCollideIsLeftAloneAndLoggedById(CapturedOutput output) throws SQLException {
		String local = "dee-" + UUID.randomUUID().toString().substring(0, 8);
		api().registered(local + "@example.com", PASSWORD);
		api().registered(local + "@pending.com", PASSWORD);
		storeAs(local + "@pending.com", local + "@\uff45xample.com");

		migrateCanonical();

		assertThat(emailsLike(local)).isEqualTo(2);
		assertThat(me(local + "@\uff45xample.com")).isEqualTo(local + "@example.com");
		assertThat(output.getOut())
			.contains("migration 7: account " + idOf(local + "@\uff45xample.com") + " keeps its email as stored, since "
					+ "its new spelling is account " + idOf(local + "@example.com") + "'s")
			.doesNotContain(local);
	}

	/**
	 * Each row: a domain as the account registers it today, and as IDNA 2003 and NFKC
	 * stored it, which logins no longer reach.
	 */
	@ParameterizedTest
	@CsvSource({ "stra\u00dfe.de, xn--strae-oqa.de", "\u092d\u093e\u0930\u0924.in, xn--h2brj9c.in",
			"\uff58\uff4e--exmple-cua.com, xn--exmple-cua.com",
			// Thai's sara am: NFKC kept it, UTS #46 spells it nikhahit, sara aa
			"\u0e17\u0e33.th, \u0e17\u0e33.th" })
	void anEmailStoredInItsIdna2003SpellingIsRewrittenAndItsAccountLogsInAgain(String domain, String storedDomain)
			throws SQLException {
		String local = "eve-" + UUID.randomUUID().toString().substring(0, 8);
		String current = api().registered(local + "@" + domain, PASSWORD).get("email").asString();
		String stored = local + "@" + storedDomain;
		assertThat(current).isNotEqualTo(stored);
		storeAs(current, stored);
		api().login(current, PASSWORD).problem(401);

		migrateIdna2008();

		assertThat(me(stored)).isEqualTo(me(current)).isEqualTo(current);
		assertThat(this.jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE version = '8' AND success")
			.query(Long.class)
			.single()).as("V8 ran at start-up").isEqualTo(1);
		assertThat(emailsLike(local)).isEqualTo(1);
	}

	/**
	 * The two accounts IDNA 2003 let one mailbox hold: V8 leaves them for an operator,
	 * and logins reach the one spelled as today.
	 */
	@Test
	void twoAccountsOfOneSharpSMailboxAreLeftAloneAndLoggedById(CapturedOutput output) throws SQLException {
		String local = "fay-" + UUID.randomUUID().toString().substring(0, 8);
		String unicode = local + "@stra\u00dfe.de";
		String ascii = local + "@xn--strae-oqa.de";
		api().registered(unicode, PASSWORD);
		api().registered(local + "@pending.de", PASSWORD);
		storeAs(local + "@pending.de", ascii);

		migrateIdna2008();

		assertThat(emailsLike(local)).isEqualTo(2);
		assertThat(me(ascii)).isEqualTo(unicode);
		assertThat(output.getOut())
			.contains("migration 8: account " + idOf(ascii) + " keeps its email as stored, since its new spelling is "
					+ "account " + idOf(unicode) + "'s")
			.doesNotContain(local);
	}

	/** The email of the account that logging in with {@code email} reaches. */
	private String me(String email) {
		return api().me(api().loggedIn(email, PASSWORD).accessToken()).json().get("email").asString();
	}

	private String idOf(String email) {
		return this.jdbc.sql("SELECT id::text FROM users WHERE email = :email")
			.param("email", email)
			.query(String.class)
			.single();
	}

	private void storeAs(String email, String stored) {
		this.jdbc.sql("UPDATE users SET email = :stored WHERE email = :email")
			.param("stored", stored)
			.param("email", email)
			.update();
	}

	private long emailsLike(String local) {
		return this.jdbc.sql("SELECT count(*) FROM users WHERE email LIKE :pattern")
			.param("pattern", local + "@%")
			.query(Long.class)
			.single();
	}

	/** Runs V8 again (it ran when the test database was made). */
	private void migrateIdna2008() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			this.idna2008Migration.migrate(connection);
		}
	}

	/** Runs V7 again (it ran when the test database was made). */
	private void migrateCanonical() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			this.canonicalMigration.migrate(connection);
		}
	}

	/** Runs V6 again (it ran when the test database was made). */
	private void migrate() throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			this.migration.migrate(connection);
		}
	}

}
