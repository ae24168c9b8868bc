package io.storefront.db.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DotEnvFileTests {

	@ParameterizedTest(name = "[{0}]")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			KEY=value                                  | value
			KEY = value                                | value
			export KEY=value                           | value
			  KEY=value                                | value
			KEY=value # a comment                      | value
			KEY=pa#ss                                  | pa#ss
			KEY='single # quoted \\n kept'             | single # quoted \\n kept
			KEY="double \\"quoted\\" \\\\ path"        | double "quoted" \\ path
			KEY='quoted'   # comment after the quote   | quoted
			KEY="quoted"   # comment after the quote   | quoted
			KEY=postgresql://u:p@h/auth_db?sslmode=require&a=b | postgresql://u:p@h/auth_db?sslmode=require&a=b
			KEY=                                       | ``
			KEY=''                                     | ``
			""")
	void valuesAreReadAsAShellWould(String line, String expected) {
		assertThat(DotEnvFile.parse(List.of(line))).containsExactly(Map.entry("KEY", expected));
	}

	@Test
	void doubleQuotedValuesUnderstandNewlinesAndTabs() {
		assertThat(DotEnvFile.parse(List.of("KEY=\"a\\nb\\tc\""))).containsEntry("KEY", "a\nb\tc");
	}

	@Test
	void commentsBlankLinesAndLinesWithoutAKeyAreSkipped() {
		Map<String, String> values = DotEnvFile
			.parse(List.of("# DATABASE_URL=commented", "", "   ", "=orphan", "no equals sign", "DATABASE_POOL_SIZE=5"));

		assertThat(values).containsExactly(Map.entry("DATABASE_POOL_SIZE", "5"));
	}

	@Test
	void aLaterLineWins() {
		assertThat(DotEnvFile.parse(List.of("PORT=1", "PORT=2"))).containsExactly(Map.entry("PORT", "2"));
	}

	@Test
	void aFileSavedWithAByteOrderMarkAndWindowsLineEndsReadsTheSame(@TempDir Path directory) throws IOException {
		Path file = directory.resolve(".env");
		Files.writeString(file, "\uFEFFDATABASE_POOL_SIZE=5\r\nDEBUG=true\r\n", StandardCharsets.UTF_8);

		assertThat(DotEnvFile.read(file)).containsExactly(Map.entry("DATABASE_POOL_SIZE", "5"),
				Map.entry("DEBUG", "true"));
	}

	/**
	 * A file saved as Latin-1 is an ordinary mistake: one line naming the file and the
	 * line, never the value, which may be a password.
	 */
	@Test
	void aFileThatIsNotUtf8IsRefusedNamingTheLine(@TempDir Path directory) throws IOException {
		Path file = directory.resolve(".env");
		Files.write(file,
				"DATABASE_POOL_SIZE=5\nDATABASE_PASSWORD=caf\u00e9S3cret\n".getBytes(StandardCharsets.ISO_8859_1));

		assertThatThrownBy(() -> DotEnvFile.read(file)).isInstanceOf(InvalidSettingException.class)
			.hasMessage("invalid configuration: " + file + " is not UTF-8 text (line 2): save it as UTF-8");
	}

	@Test
	void aMissingFileIsNoVariables(@TempDir Path directory) {
		assertThat(DotEnvFile.read(directory.resolve(".env"))).isEmpty();
	}

}
