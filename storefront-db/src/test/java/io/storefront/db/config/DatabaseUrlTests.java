package io.storefront.db.config;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DatabaseUrlTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "postgresql+asyncpg://alice:secret@db.example:6543/auth_db",
			"postgresql://alice:secret@db.example:6543/auth_db", "postgres://alice:secret@db.example:6543/auth_db",
			"jdbc:postgresql://alice:secret@db.example:6543/auth_db",
			"jdbc:postgresql://db.example:6543/auth_db?user=alice&password=secret",
			"POSTGRESQL://alice:secret@db.example:6543/auth_db" })
	void everyAcceptedFormYieldsTheSameTarget(String url) {
		DatabaseUrl parsed = DatabaseUrl.parse("DATABASE_URL", url);

		assertThat(parsed.host()).isEqualTo("db.example");
		assertThat(parsed.port()).isEqualTo(6543);
		assertThat(parsed.database()).isEqualTo("auth_db");
		assertThat(parsed.user()).isEqualTo("alice");
		assertThat(parsed.password()).isEqualTo("secret");
		assertThat(parsed.parameters()).isEmpty();
	}

	@Test
	void portDefaultsTo5432() {
		assertThat(DatabaseUrl.parse("DATABASE_URL", "postgresql://alice@db.example/auth_db").port()).isEqualTo(5432);
	}

	@Test
	void credentialsArePercentDecoded() {
		DatabaseUrl parsed = DatabaseUrl.parse("DATABASE_URL",
				"postgresql://al%69ce%40corp:p%40ss%3Aw%2Fd@localhost:5432/auth_db");

		assertThat(parsed.user()).isEqualTo("alice@corp");
		assertThat(parsed.password()).isEqualTo("p@ss:w/d");
	}

	@Test
	void percentEncodedCredentialsAreDecodedAsUtf8() {
		DatabaseUrl parsed = DatabaseUrl.parse("DATABASE_URL", "postgresql://j%C3%B6rg:p%C3%A4ss%E2%82%AC@h/auth_db");

		assertThat(parsed.user()).isEqualTo("j\u00f6rg");
		assertThat(parsed.password()).isEqualTo("p\u00e4ss\u20ac");
	}

	@Test
	void aPlusSignInThePasswordStaysAPlusSign() {
		assertThat(DatabaseUrl.parse("DATABASE_URL", "postgresql://u:a+b%2Bc@h/auth_db").password()).isEqualTo("a+b+c");
	}

	@Test
	void anUnencodedAtSignInThePasswordBelongsToThePassword() {
		DatabaseUrl parsed = DatabaseUrl.parse("DATABASE_URL", "postgresql://u:p@ss@h:5432/auth_db");

		assertThat(parsed.password()).isEqualTo("p@ss");
		assertThat(parsed.host()).isEqualTo("h");
	}

	@Test
	void queryParametersPassThroughInOrder() {
		DatabaseUrl parsed = DatabaseUrl.parse("DATABASE_URL",
				"postgresql://u:p@h/auth_db?sslmode=require&application_name=a%20b&options=-c%20statement_timeout%3D5s");

		assertThat(parsed.parameters()).containsExactly(Map.entry("sslmode", "require"),
				Map.entry("application_name", "a b"), Map.entry("options", "-c statement_timeout=5s"));
	}

	/**
	 * The driver would refuse these only when connecting, which the start-up gate cannot
	 * tell from an unreachable server; or, for a boolean, read anything but {@code true}
	 * as false.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					sslmode=bogus                          | sslmode=bogus; the PostgreSQL driver takes disable, allow, prefer, require, verify-ca or verify-full
					sslmode=REQUIRE                        | sslmode=REQUIRE
					gssEncMode=maybe                       | gssEncMode=maybe
					targetServerType=leader                | targetServerType=leader
					requireAuth=scram-sha-256,kerberos     | requireAuth=scram-sha-256,kerberos
					socketTimeout=abc                      | socketTimeout=abc, which must be a whole number
					socketTimeout=30s                      | socketTimeout=30s
					connect_timeout=abc                    | connect_timeout=abc, which must be a whole number
					connectTimeout=99999999999             | connectTimeout=99999999999
					connectTimeout=-1                      | connectTimeout=-1, which must be a whole number of at least 0
					prepareThreshold=1.5                   | prepareThreshold=1.5
					loginTimeout=soon                      | loginTimeout=soon, which must be a number
					loginTimeout=-2                        | loginTimeout=-2
					tcpKeepAlive=yes                       | tcpKeepAlive=yes, which must be true or false
					sslmode=require&binaryTransfer=1       | binaryTransfer=1
					socketFactory=java.lang.Object         | socketFactory=java.lang.Object, which must name a javax.net.SocketFactory class on the class path
					sslfactory=no.such.Factory             | sslfactory=no.such.Factory, which must name a javax.net.ssl.SSLSocketFactory class
					sslhostnameverifier=java.lang.String   | sslhostnameverifier=java.lang.String, which must name a javax.net.ssl.HostnameVerifier class
					""")
	void aDriverParameterTheDriverCannotReadIsRefusedNamingIt(String query, String problem) {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> DatabaseUrl.parse("DATABASE_URL", "postgresql://u:s3cret-pw@h/auth_db?" + query));

		assertThat(failure).as(query).isNotNull();
		assertThat(failure.variable()).isEqualTo("DATABASE_URL");
		assertThat(failure.getMessage()).startsWith("invalid configuration: DATABASE_URL has ")
			.contains(problem)
			.doesNotContain("s3cret-pw");
	}

	@Test
	void driverParametersTheDriverCanReadAndUnknownOnesPassThrough() {
		DatabaseUrl parsed = DatabaseUrl.parse("DATABASE_URL",
				"postgresql://u:p@h/auth_db?sslmode=verify-full"
						+ "&connect_timeout=3&socketTimeout=0&loginTimeout=2.5&prepareThreshold=-1&tcpKeepAlive=TRUE"
						+ "&requireAuth=scram-sha-256,!md5&target_session_attrs=read-write&sslrootcert=/etc/ca.pem"
						+ "&options=-c%20search_path%3Dx&assumeMinServerVersion=17&no_such_parameter=anything"
						+ "&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");

		assertThat(parsed.parameters()).containsExactly(Map.entry("sslmode", "verify-full"),
				Map.entry("connect_timeout", "3"), Map.entry("socketTimeout", "0"), Map.entry("loginTimeout", "2.5"),
				Map.entry("prepareThreshold", "-1"), Map.entry("tcpKeepAlive", "TRUE"),
				Map.entry("requireAuth", "scram-sha-256,!md5"), Map.entry("target_session_attrs", "read-write"),
				Map.entry("sslrootcert", "/etc/ca.pem"), Map.entry("options", "-c search_path=x"),
				Map.entry("assumeMinServerVersion", "17"), Map.entry("no_such_parameter", "anything"),
				Map.entry("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "db.internal", "db-1.example.com", "postgres_primary", "10.0.0.5", "[::1]",
			"[2001:db8::5]", "[::ffff:10.0.0.5]" })
	void hostNamesAndAddressesAreAccepted(String host) {
		assertThat(DatabaseUrl.parse("DATABASE_URL", "postgresql://u:p@" + host + ":5432/auth_db").host())
			.isEqualTo(host);
	}

	@Test
	void credentialsInTheQueryAreNotPassedOnAsParameters() {
		DatabaseUrl parsed = DatabaseUrl.parse("DATABASE_URL",
				"jdbc:postgresql://h:5432/auth_db?user=alice&sslmode=verify-full&password=p%40ss");

		assertThat(parsed.user()).isEqualTo("alice");
		assertThat(parsed.password()).isEqualTo("p@ss");
		assertThat(parsed.parameters()).containsExactly(Map.entry("sslmode", "verify-full"));
	}

	@Test
	void credentialsBeforeTheHostWinOverQueryCredentials() {
		DatabaseUrl parsed = DatabaseUrl.parse("DATABASE_URL",
				"postgresql://alice:one@h/auth_db?user=bob&password=two");

		assertThat(parsed.user()).isEqualTo("alice");
		assertThat(parsed.password()).isEqualTo("one");
	}

	@Test
	void ipv6HostsKeepTheirBrackets() {
		DatabaseUrl parsed = DatabaseUrl.parse("DATABASE_URL", "postgresql://u:p@[::1]:6000/auth_db");

		assertThat(parsed.host()).isEqualTo("[::1]");
		assertThat(parsed.port()).isEqualTo(6000);
	}

	@Test
	void aUrlWithoutUserLeavesTheUserUnset() {
		DatabaseUrl parsed = DatabaseUrl.parse("DATABASE_URL", "postgresql://h/auth_db");

		assertThat(parsed.user()).isNull();
		assertThat(parsed.password()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			mysql://u:s3cret-pw@h/auth_db                  | is not a PostgreSQL URL
			not a url                                      | is not a PostgreSQL URL
			''                                             | is not a PostgreSQL URL
			postgresql://u:s3cret-pw@h                     | has no database name
			postgresql://u:s3cret-pw@h/                    | has no database name
			postgresql://u:s3cret-pw@/auth_db              | has no host name
			postgresql://u:s3cret-pw@h:abc/auth_db         | port
			postgresql://u:s3cret-pw@h:0/auth_db           | port
			postgresql://u:s3cret-pw@h:70000/auth_db       | port
			postgresql://u:s3cret-pw@h:-1/auth_db          | port
			postgresql://u:s3cret-pw@h1,h2/auth_db         | names several hosts
			postgresql://u:s3cret-pw@[::1/auth_db          | IPv6
			postgresql://u:s3cret-pw%zz@h/auth_db          | malformed percent-escape
			postgresql://u:s3cret-pw@h/auth%2Fdb/x         | '/'
			postgresql://u:s3cret-pw@h/auth_db?=x          | query parameter without a name
			postgresql://u:s3cret-pw@local host/auth_db    | host name
			postgresql://u:s3cret-pw@h%20x:5432/auth_db    | host name
			postgresql://u:s3cret-pw@[::1 ]/auth_db        | IPv6
			postgresql://u:s3cret-pw@h/auth_db?sslmode=on  | sslmode
			""")
	void badUrlsNameTheVariableAndNeverTheUrl(String url, String problem) {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> DatabaseUrl.parse("DATABASE_URL", url));

		assertThat(failure).isNotNull();
		assertThat(failure.variable()).isEqualTo("DATABASE_URL");
		assertThat(failure.getMessage()).startsWith("invalid configuration: DATABASE_URL ").contains(problem);
		assertThat(failure.getMessage()).doesNotContain("s3cret-pw");
	}

	/**
	 * A password with an unencoded '/' or '?' cuts the URL in the wrong place; the
	 * message must still not quote any piece of it.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "postgresql://u:s3cret?pw@h:5432/auth_db", "postgresql://u:s3cret/pw@h:5432/auth_db",
			"postgresql://u:123/s3cretpw@h/auth_db", "postgresql://u:12345/s3cret@auth_db",
			"postgresql://u:s3cret@pw/x?y@h:5432/auth_db", "postgresql://u:s3cret@pw/x?y=1@h:5432/auth_db" })
	void aPasswordThatBreaksTheUrlIsNeverQuoted(String url) {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> DatabaseUrl.parse("DATABASE_URL", url));

		assertThat(failure).as("a URL whose password is not percent-encoded must be refused").isNotNull();
		assertThat(failure.variable()).isEqualTo("DATABASE_URL");
		assertThat(failure.getMessage()).doesNotContain("s3cret").doesNotContain("pw").contains("percent-encode");
	}

	/**
	 * {@code db provision --admin-url} and the services read URLs alike: a password's
	 * unencoded '@' and '/' leave nothing where the host goes.
	 */
	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			DATABASE_URL | postgresql://u:s3cret@/pw@127.0.0.1:55440/postgres
			--admin-url  | postgresql://u:s3cret@/pw@127.0.0.1:55440/postgres
			DATABASE_URL | postgresql://u:s3cret@:5432/pw@h/auth_db
			--admin-url  | postgres://s3cret@/pw@h/auth_db
			""")
	void aPasswordThatLeavesNoHostSaysToPercentEncodeIt(String variable, String url) {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> DatabaseUrl.parse(variable, url));

		assertThat(failure).isNotNull();
		assertThat(failure.getMessage()).isEqualTo("invalid configuration: " + variable
				+ " has no host name (user names and passwords containing '/', '?', '@' or '%' must be"
				+ " percent-encoded: %2F, %3F, %40, %25)");
	}

	@Test
	void aUrlWithoutUserInfoOrHostGetsNoPercentEncodingHint() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> DatabaseUrl.parse("DATABASE_URL", "postgresql:///auth_db"))
			.withMessage("invalid configuration: DATABASE_URL has no host name");
	}

	@Test
	void aHashInThePasswordNeedsNoEncoding() {
		assertThat(DatabaseUrl.parse("DATABASE_URL", "postgresql://u:pa#ss@h/auth_db").password()).isEqualTo("pa#ss");
	}

	@Test
	void toStringHidesThePassword() {
		DatabaseUrl parsed = DatabaseUrl.parse("DATABASE_URL",
				"postgresql://alice:s3cret-pw@h/auth_db?sslmode=require");

		assertThat(parsed.toString()).contains("alice").contains("auth_db").doesNotContain("s3cret-pw");
	}

	@Test
	void theVariableNamedIsTheOneGiven() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> DatabaseUrl.parse("--admin-url", "http://x"))
			.satisfies((failure) -> assertThat(failure.variable()).isEqualTo("--admin-url"));
	}

}
