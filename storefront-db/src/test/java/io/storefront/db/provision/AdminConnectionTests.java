package io.storefront.db.provision;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The administrator's connection gives up on a server that takes the connection and never
 * answers (a hung PostgreSQL, a port something else holds) within its login limit, not
 * after the minute a provisioning statement may take.
 */
class AdminConnectionTests {

	@Test
	void aServerThatNeverAnswersTheLoginIsGivenUpOnWithinSeconds() throws IOException {
		// never accepted: the kernel completes the connection and keeps what is sent
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			AdminConnection admin = AdminConnection.parse("--admin-url",
					"postgresql://postgres:secret@127.0.0.1:" + silent.getLocalPort() + "/postgres");

			assertTimeoutPreemptively(Duration.ofSeconds(20),
					() -> assertThatExceptionOfType(SQLException.class).isThrownBy(admin::open));
		}
	}

}
