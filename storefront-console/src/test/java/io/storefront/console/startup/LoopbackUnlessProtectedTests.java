package io.storefront.console.startup;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the console listens when run alone: an open console (no access token) on this
 * machine only unless an address is given; and what the start-up log says about it.
 */
class LoopbackUnlessProtectedTests {

	@Test
	void anOpenConsoleWithNoAddressGivenListensOnLoopbackAndSaysHowToOpenIt() {
		MockEnvironment environment = processed(new MockEnvironment());

		assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(ExposureNotice.line(environment, 8090)).startsWith("listening on 127.0.0.1:8090 only")
			.contains("STOREFRONT_CONSOLE_ACCESS_TOKEN", "SERVER_ADDRESS");
	}

	@Test
	void anEmptyAddressIsNoAddressGivenSoAnOpenConsoleListensOnLoopback() {
		MockEnvironment environment = processed(new MockEnvironment().withProperty("server.address", ""));

		assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(ExposureNotice.line(environment, 8000)).startsWith("listening on 127.0.0.1:8000 only");
	}

	@Test
	void anAddressGivenIsKeptAndAnOpenConsoleOnItIsWarnedAbout() {
		MockEnvironment environment = processed(new MockEnvironment().withProperty("server.address", "0.0.0.0"));

		assertThat(environment.getProperty("server.address")).isEqualTo("0.0.0.0");
		assertThat(ExposureNotice.line(environment, 8090)).startsWith("OPEN: listening on 0.0.0.0:8090")
			.contains("set STOREFRONT_CONSOLE_ACCESS_TOKEN");
	}

	/** As ./storefront up starts it: its own --listen address, loopback by default. */
	@Test
	void anOpenConsoleOnALoopbackAddressGivenIsNoCauseForAWarning() {
		MockEnvironment environment = processed(new MockEnvironment().withProperty("server.address", "127.0.0.1"));

		assertThat(ExposureNotice.line(environment, 8000))
			.isEqualTo("listening on 127.0.0.1:8000 only (this machine), without an access token");
	}

	@Test
	void aConsoleWithAnAccessTokenListensWhereSpringBootWould() {
		MockEnvironment environment = processed(
				new MockEnvironment().withProperty("storefront.console.access-token", "secret"));

		assertThat(environment.getProperty("server.address")).isNull();
		assertThat(ExposureNotice.line(environment, 8090))
			.isEqualTo("listening on every interface:8090; details only with the access token");
	}

	private static MockEnvironment processed(MockEnvironment environment) {
		new LoopbackUnlessProtected().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
