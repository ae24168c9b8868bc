package io.storefront.launcher.services;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.launcher.state.AdminLogin;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceJvmTests {

	private static final Map<ServiceIdentity, Integer> PORTS = Map.of(KnownServices.AUTH, 18001, KnownServices.PRODUCT,
			18002, KnownServices.CART, 18003);

	@Test
	void productionDefaultsWhenNothingIsSaid() {
		assertThat(ServiceJvm.options(Map.of("PATH", "/usr/bin"))).containsExactly("-Dspring.aot.enabled=true",
				"-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:-ShrinkHeapInSteps", "-XX:MaxHeapFreeRatio=40",
				"-XX:TrimNativeHeapInterval=2000", "-XX:+ExitOnOutOfMemoryError");
	}

	@Test
	void theVariableReplacesTheTuningFlagsSplitOnWhitespaceAndComesAfterSpringAot() {
		assertThat(ServiceJvm.options(Map.of(ServiceJvm.OPTIONS_VARIABLE, "  -Xmx512m\t-XX:+UseG1GC \n -Dx=y ")))
			.containsExactly("-Dspring.aot.enabled=true", "-Xmx512m", "-XX:+UseG1GC", "-Dx=y");
	}

	@Test
	void setButBlankMeansNoTuningFlags() {
		assertThat(ServiceJvm.options(Map.of(ServiceJvm.OPTIONS_VARIABLE, "   ")))
			.containsExactly(ServiceJvm.SPRING_AOT);
	}

	@Test
	void mallocArenasAreCappedUnlessGiven() {
		AdminLogin admin = new AdminLogin("admin@storefront.local", "secret");

		assertThat(ServiceEnvironment.of(KnownServices.CART, Map.of(), Map.of(), PORTS, ListenAddress.LOOPBACK, admin))
			.containsEntry("MALLOC_ARENA_MAX", "2");
		assertThat(ServiceEnvironment.of(KnownServices.CART, Map.of("MALLOC_ARENA_MAX", "4"), Map.of(), PORTS,
				ListenAddress.LOOPBACK, admin))
			.containsEntry("MALLOC_ARENA_MAX", "4");
	}

	@Test
	void theFlagsGoBeforeTheJarOnTheCommandLine() {
		ServiceSpec spec = new ServiceSpec(KnownServices.PRODUCT, java.nio.file.Path.of("/x/product-service.jar"),
				ServiceJvm.DEFAULT_OPTIONS, 18002, Map.of(), java.nio.file.Path.of("/x/log"));

		assertThat(spec.javaArguments()).containsExactly("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
				"-XX:-ShrinkHeapInSteps", "-XX:MaxHeapFreeRatio=40", "-XX:TrimNativeHeapInterval=2000",
				"-XX:+ExitOnOutOfMemoryError", "-jar", "/x/product-service.jar");
		assertThat(spec
			.startedFrom(java.nio.file.Path.of("/c/product-service.jar"), java.util.List.of("-XX:AOTCache=/c/app.aot"))
			.javaArguments())
			.endsWith("-XX:+ExitOnOutOfMemoryError", "-XX:AOTCache=/c/app.aot", "-jar", "/c/product-service.jar");
	}

}
