package io.storefront.launcher.replicas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.launcher.services.ListenAddress;

import static org.assertj.core.api.Assertions.assertThat;

class HaproxyTests {

	private static final List<Haproxy.Backend> BACKENDS = List.of(
			new Haproxy.Backend("auth-service", 8001, List.of(8011, 8012)),
			new Haproxy.Backend("product-service", 8002, List.of(8021, 8022)),
			new Haproxy.Backend("cart-service", 8003, List.of(8031, 8032)));

	@TempDir
	Path folder;

	@Test
	void theConfigurationIsOneHaproxyAccepts() throws Exception {
		Path configuration = this.folder.resolve("haproxy.cfg");
		Files.writeString(configuration, Haproxy.configuration(BACKENDS, ListenAddress.LOOPBACK));
		Path haproxy = Executables.require(Haproxy.PROGRAM, "haproxy", Executables.searchPath(System.getenv("PATH")));

		Process check = new ProcessBuilder(haproxy.toString(), "-c", "-f", configuration.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(check.getInputStream().readAllBytes());

		assertThat(check.waitFor()).as(output).isZero();
		assertThat(output).doesNotContainIgnoringCase("warning");
	}

	@Test
	void eachServiceHasAFrontendOnItsPortAndItsReplicasCheckedOnReadiness() {
		String configuration = Haproxy.configuration(BACKENDS, ListenAddress.LOOPBACK);

		assertThat(configuration)
			.contains("frontend cart-service\n    bind 127.0.0.1:8003\n    default_backend cart-service\n")
			.contains(
					"    server cart-service-1 127.0.0.1:8031 check\n    server cart-service-2 127.0.0.1:8032 check\n")
			.contains("http-check send meth GET uri /health/ready")
			.contains("default-server inter 500ms fastinter 500ms downinter 500ms fall 2 rise 2");
	}

	@Test
	void aReplicaDrainsLongerThanHaproxyNeedsToTakeItOutOfRotation() {
		assertThat(Haproxy.leavesRotationWithin()).isEqualTo(java.time.Duration.ofSeconds(2));
		assertThat(ReplicaSpecs.DRAIN_PERIOD).isGreaterThan(Haproxy.leavesRotationWithin());
	}

	@Test
	void addressesFollowHaproxysSyntax() {
		assertThat(Haproxy.address(new ListenAddress("::1"), 8001)).isEqualTo("ipv6@::1:8001");
		assertThat(Haproxy.address(new ListenAddress("::"), 8001)).isEqualTo("ipv6@:::8001");
		assertThat(Haproxy.address(new ListenAddress("0.0.0.0"), 8001)).isEqualTo("0.0.0.0:8001");
		assertThat(Haproxy.serverAddress(new ListenAddress("0.0.0.0"), 8011)).isEqualTo("127.0.0.1:8011");
		assertThat(Haproxy.serverAddress(new ListenAddress("::"), 8011)).isEqualTo("ipv6@::1:8011");
	}

}
