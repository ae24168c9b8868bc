package io.storefront.web.tomcat;

import java.net.InetAddress;

import org.apache.catalina.connector.Connector;

import org.springframework.boot.tomcat.TomcatWebServerFactory;

/**
 * A second HTTP port for the orchestrator's probes, on Tomcat's own few platform threads:
 * requests on the service's port wait for one of {@code max-concurrent-requests} turns,
 * and when every turn is held by a request waiting on a stuck database, a liveness probe
 * queued behind them would fail and have an overloaded pod restarted. Only the health
 * paths answer here ({@link ProbePortFilter}).
 */
public final class ProbeConnector {

	private ProbeConnector() {
	}

	/**
	 * @param address the service port's address ({@code server.address}), or {@code null}
	 * for every address
	 */
	public static Connector on(int port, InetAddress address) {
		Connector connector = new Connector(TomcatWebServerFactory.DEFAULT_PROTOCOL);
		// As Spring Boot sets it on the service port's connector: a port another process
		// holds then fails the start as that one does, in the one line the start-up
		// failure reporter writes. Without it Tomcat logs the bind failure itself and
		// Spring Boot adds its failure analysis, many lines that name no variable.
		connector.setThrowOnFailure(true);
		connector.setPort(port);
		if (address != null) {
			connector.setProperty("address", address.getHostAddress());
		}
		// A probe every few seconds from a kubelet, a monitor or two: a handful of
		// threads and connections, so the port cannot be used to take memory either.
		connector.setProperty("maxThreads", "4");
		connector.setProperty("minSpareThreads", "1");
		connector.setProperty("maxConnections", "32");
		connector.setProperty("acceptCount", "16");
		connector.setProperty("connectionTimeout", "5000");
		return connector;
	}

}
