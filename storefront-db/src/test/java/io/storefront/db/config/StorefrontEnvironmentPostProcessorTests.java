package io.storefront.db.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class StorefrontEnvironmentPostProcessorTests {

	@TempDir
	Path directory;

	@Test
	void realEnvironmentVariablesWinOverTheDotEnvFile() throws IOException {
		StandardEnvironment environment = environment(Map.of("DATABASE_POOL_SIZE", "7"));
		Path dotEnv = dotEnv("DATABASE_POOL_SIZE=3\nDATABASE_MAX_OVERFLOW=4\n");

		new StorefrontEnvironmentPostProcessor().postProcessEnvironment(environment, dotEnv);

		assertThat(environment.getProperty("DATABASE_POOL_SIZE")).isEqualTo("7");
		assertThat(environment.getProperty("DATABASE_MAX_OVERFLOW")).isEqualTo("4");
	}

	/**
	 * As in the real environment: the line a reader of docs/configuration.md would write.
	 */
	@Test
	void aSettingInTheDotEnvFileMayBeWrittenAsAnEnvironmentVariable() throws IOException {
		StandardEnvironment environment = environment(Map.of());

		new StorefrontEnvironmentPostProcessor().postProcessEnvironment(environment,
				dotEnv("STOREFRONT_WEB_PUBLIC_URL=https://shop.example.com\n"));

		assertThat(Binder.get(environment).bind("storefront.web.public-url", String.class).get())
			.isEqualTo("https://shop.example.com");
	}

	@Test
	void theDotEnvFileWinsOverTheLibraryDefaults() throws IOException {
		StandardEnvironment environment = environment(Map.of());

		new StorefrontEnvironmentPostProcessor().postProcessEnvironment(environment,
				dotEnv("spring.main.banner-mode=console\n"));

		assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("console");
		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
	}

	@Test
	void debugTurnsOnSqlLoggingInsteadOfSpringBootsDebugMode() throws IOException {
		StandardEnvironment environment = environment(Map.of("DEBUG", "true"));

		new StorefrontEnvironmentPostProcessor().postProcessEnvironment(environment, this.directory.resolve(".env"));

		assertThat(environment.getProperty("debug")).isEqualTo("false");
		assertThat(environment.getProperty("logging.level.org.springframework.jdbc.core.JdbcTemplate"))
			.isEqualTo("DEBUG");
	}

	@Test
	void withoutDebugThereIsNoSqlLogging() throws IOException {
		StandardEnvironment environment = environment(Map.of("DEBUG", "false"));

		new StorefrontEnvironmentPostProcessor().postProcessEnvironment(environment, this.directory.resolve(".env"));

		assertThat(environment.getProperty("logging.level.org.springframework.jdbc.core.JdbcTemplate")).isNull();
	}

	private Path dotEnv(String content) throws IOException {
		return Files.writeString(this.directory.resolve(".env"), content);
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		return environment;
	}

}
