package io.storefront.launcher.ports;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.storefront.launcher.LauncherException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortCheckTests {

	@Test
	void freePortsPass() throws Exception {
		int port = freePort();

		assertThatNoException().isThrownBy(() -> PortCheck.requireFree(Map.of(port, "auth-service")));
	}

	@Test
	void aPortTakenOnLoopbackOnlyIsStillInUse() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();

			assertThatThrownBy(() -> PortCheck.requireFree(Map.of(port, "auth-service")))
				.isInstanceOf(LauncherException.class)
				.hasMessage("port " + port + " (auth-service) is already in use; stop what listens there or"
						+ " holds it (an outgoing connection may have it as its own end), or choose other ports with"
						+ " --base-port");
		}
	}

	@Test
	void everyTakenPortIsNamedInOneLine() throws Exception {
		try (ServerSocket first = new ServerSocket(); ServerSocket second = new ServerSocket()) {
			first.bind(new InetSocketAddress(0));
			second.bind(new InetSocketAddress(0));
			Map<Integer, String> ports = new LinkedHashMap<>();
			ports.put(first.getLocalPort(), "cart-service");
			ports.put(freePort(), "product-service");
			ports.put(second.getLocalPort(), "PostgreSQL");

			assertThatThrownBy(() -> PortCheck.requireFree(ports))
				.hasMessageStartingWith("ports " + first.getLocalPort() + " (cart-service), " + second.getLocalPort()
						+ " (PostgreSQL) are already in use")
				.hasMessageEndingWith("choose other ports with --base-port / --pg-port")
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n"));
		}
	}

	static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
