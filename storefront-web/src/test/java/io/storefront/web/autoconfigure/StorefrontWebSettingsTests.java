package io.storefront.web.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import io.storefront.db.startup.StartupFailureReporter;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class StorefrontWebSettingsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void theDefaultsComeFromTheRecord() {
		this.runner.run((context) -> assertThat(context.getBean(StorefrontWebSettings.class))
			.isEqualTo(new StorefrontWebSettings(DataSize.ofMegabytes(1), Duration.ofSeconds(10), 256,
					DataSize.ofMegabytes(32), DataSize.ofKilobytes(64), 1, Duration.ofSeconds(2), null, null)));
	}

	@Test
	void aRequestBodyTimeoutOfZeroStopsTheStartWithOneLineNamingTheProperty(CapturedOutput output) {
		this.runner.withPropertyValues("storefront.web.request-body-timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new StartupFailureReporter(null).reportException(context.getStartupFailure())).isTrue();
		});
		assertThat(output.getOut().lines().filter((line) -> line.contains("cannot start"))).singleElement()
			.asString()
			.contains("invalid configuration: storefront.web.request-body-timeout must be longer than");
	}

	@Test
	void noConcurrentRequestsAtAllStopsTheStartNamingTheProperty(CapturedOutput output) {
		this.runner.withPropertyValues("storefront.web.max-concurrent-requests=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new StartupFailureReporter(null).reportException(context.getStartupFailure())).isTrue();
		});
		assertThat(output.getOut())
			.contains("invalid configuration: storefront.web.max-concurrent-requests must be at least 1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0B", "-1KB" })
	void aRequestBodyLimitBelowOneByteStopsTheStartNamingThePropertyAndValue(String limit, CapturedOutput output) {
		this.runner.withPropertyValues("storefront.web.max-request-body=" + limit).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new StartupFailureReporter(null).reportException(context.getStartupFailure())).isTrue();
		});
		assertThat(output.getOut())
			.contains("invalid configuration: storefront.web.max-request-body must be at least 1B")
			.contains("(got " + DataSize.parse(limit) + ")");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "storefront.web.large-request-body=0B | storefront.web.large-request-body must be at least 1B",
					"storefront.web.large-body-max-wait=-1s | storefront.web.large-body-max-wait must be" })
	void aLargeBodySizeOfNothingOrANegativeWaitStopsTheStartNamingTheProperty(String setting, String message,
			CapturedOutput output) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new StartupFailureReporter(null).reportException(context.getStartupFailure())).isTrue();
		});
		assertThat(output.getOut()).contains("invalid configuration: " + message);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "ftp://shop.example | must be an http(s) URL", "shop.example | must be an http(s) URL",
					"https://shop.example/?a=1 | must not have a query",
					"https://shop.example/#top | must not have a fragment", "https://shop example | is not a valid URL",
					"https://user:secret@shop.example | must not contain credentials" })
	void aPublicUrlThatIsNotAPlainHttpUrlStopsTheStartWithOneLine(String url, String problem, CapturedOutput output) {
		this.runner.withPropertyValues("storefront.web.public-url=" + url).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new StartupFailureReporter(null).reportException(context.getStartupFailure())).isTrue();
		});
		assertThat(output.getOut().lines().filter((line) -> line.contains("cannot start"))).singleElement()
			.asString()
			.contains("invalid configuration: storefront.web.public-url " + problem)
			.doesNotContain("secret");
	}

	@Test
	void aPublicUrlIsUsedWithoutItsTrailingSlashAndEmptyIsUnset() {
		this.runner.withPropertyValues("storefront.web.public-url=https://shop.example/cart/")
			.run((context) -> assertThat(context.getBean(StorefrontWebSettings.class).publicBaseUrl())
				.isEqualTo("https://shop.example/cart"));
		this.runner.withPropertyValues("storefront.web.public-url=")
			.run((context) -> assertThat(context.getBean(StorefrontWebSettings.class).publicBaseUrl()).isNull());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StorefrontWebSettings.class)
	static class Settings {

	}

}
