package io.storefront.cli.provision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.cli.Terminal;
import io.storefront.db.config.DatabaseUrl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin password from the password file, found and read as libpq finds and reads it.
 */
class AdminPasswordTests {

	@TempDir
	Path folder;

	@Test
	void anIpv6HostIsMatchedAsWrittenInTheFileWithoutBrackets() throws IOException {
		Terminal terminal = withPasswordFile("\\:\\:1:5432:postgres:admin:ipv6-secret\n");

		assertThat(passwordFor("postgresql://admin@[::1]:5432/postgres", terminal)).isEqualTo("ipv6-secret");
	}

	@Test
	void anUnescapedColonEndsThePasswordAndAnEscapedOneIsPartOfIt() throws IOException {
		Terminal terminal = withPasswordFile("""
				localhost:5432:postgres:first:before:after
				localhost:5432:postgres:second:before\\:after\\\\
				""");

		assertThat(passwordFor("postgresql://first@localhost:5432/postgres", terminal)).isEqualTo("before");
		assertThat(passwordFor("postgresql://second@localhost:5432/postgres", terminal)).isEqualTo("before:after\\");
	}

	@Test
	void aBareStarMatchesAnyValueButAnEscapedOneDoesNot() throws IOException {
		Terminal terminal = withPasswordFile("""
				\\*:5432:postgres:admin:escaped-star
				*:5432:postgres:admin:any-host
				""");

		assertThat(passwordFor("postgresql://admin@db1:5432/postgres", terminal)).isEqualTo("any-host");
	}

	/**
	 * libpq reads the file as bytes: a line in another encoding (a Latin-1 password of an
	 * old tool) keeps no other line from matching.
	 */
	@Test
	void aLineThatIsNotUtf8DoesNotKeepTheNextOneFromMatching() throws IOException {
		Terminal terminal = withPasswordFile("");
		Files.write(this.folder.resolve("pgpass"),
				"legacy:5432:postgres:admin:caf\u00e9\nlocalhost:5432:postgres:admin:next-line\n"
					.getBytes(StandardCharsets.ISO_8859_1));

		assertThat(passwordFor("postgresql://admin@localhost:5432/postgres", terminal)).isEqualTo("next-line");
	}

	/** libpq takes an empty password as none given, and looks it up. */
	@Test
	void anEmptyPasswordInTheUrlIsLookedUpAsPsqlDoes() throws IOException {
		Terminal terminal = withPasswordFile("localhost:5432:postgres:admin:from-the-file\n");

		assertThat(passwordFor("postgresql://admin:@localhost:5432/postgres", terminal)).isEqualTo("from-the-file");
	}

	/**
	 * libpq ignores a password file its group may read, not only one everybody may read.
	 */
	@Test
	void aPasswordFileItsGroupMayReadIsIgnoredWithAWarning() throws IOException {
		Path file = this.folder.resolve("pgpass");
		Files.writeString(file, "localhost:5432:postgres:admin:group-secret\n", StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		Terminal terminal = new Terminal(discard, new PrintStream(err, true, StandardCharsets.UTF_8),
				Map.of("PGPASSFILE", file.toString())::get);

		assertThat(passwordFor("postgresql://admin@localhost:5432/postgres", terminal)).isNull();
		assertThat(err.toString(StandardCharsets.UTF_8))
			.contains("WARNING: password file \"" + file + "\" has group or world access");
	}

	private Terminal withPasswordFile(String lines) throws IOException {
		Path file = this.folder.resolve("pgpass");
		Files.writeString(file, lines, StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		return new Terminal(discard, discard, Map.of("PGPASSFILE", file.toString())::get);
	}

	private static String passwordFor(String url, Terminal terminal) {
		return AdminPassword.complete(DatabaseUrl.parse("--admin-url", url), terminal).password();
	}

}
