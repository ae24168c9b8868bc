package io.storefront.web.tomcat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.config.KnownServices;
import io.storefront.db.provision.ServiceAccount;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleServiceProcess;
import io.storefront.sample.SampleServiceProcess.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A probe port another process holds stops the start with the one line a taken
 * {@code PORT} gives (docs/troubleshooting.md), not Spring Boot's block of many lines
 * about a connector, which names neither variable.
 */
@Tag("reliability")
class ProbePortInUseTests {

	private static final Duration LIMIT = Duration.ofSeconds(180);

	@TempDir
	Path workingDirectory;

	@Test
	void aProbePortInUseStopsStartUpWithOneLine() throws IOException {
		TestPostgres postgres = TestPostgres.shared();
		ServiceAccount account = postgres.account(KnownServices.AUTH);
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Outcome outcome = SampleServiceProcess.run(Map.of("STOREFRONT_WEB_PROBE_PORT",
					Integer.toString(taken.getLocalPort()), "SERVER_ADDRESS", "127.0.0.1", "DATABASE_URL",
					"postgresql://auth_svc:" + account.password() + "@localhost:" + postgres.port() + "/auth_db"),
					this.workingDirectory, LIMIT);

			assertThat(outcome.exitCode()).as(outcome.toString()).isEqualTo(1);
			assertThat(outcome.messages("ERROR")).as(outcome.toString())
				.singleElement()
				.asString()
				.startsWith("auth-service cannot start: port ")
				.contains("or the probe port (STOREFRONT_WEB_PROBE_PORT)")
				.contains("is already in use by another process");
			assertThat(outcome.output()).as("no failure analysis, no stack trace")
				.doesNotContain("APPLICATION FAILED TO START")
				.doesNotContain("\tat ")
				.doesNotContain("Caused by:");
		}
	}

}
