package io.storefront.launcher.services;

import java.nio.file.Path;
import java.util.Map;

import io.storefront.db.config.ServiceIdentity;

/**
 * How to run one service: its jar, its port and its whole environment. {@link #toString()} leaves the
 * environment out, since it holds passwords.
 */
public record ServiceSpec(ServiceIdentity service, Path jar, int port, Map<String, String> environment, Path log) {

	public ServiceSpec {
		environment = Map.copyOf(environment);
	}

	public String name() {
		return this.service.name();
	}

	public String baseUrl() {
		return "http://localhost:" + this.port;
	}

	@Override
	public String toString() {
		return "ServiceSpec[" + name() + ", jar=" + this.jar + ", port=" + this.port + "]";
	}

}
