package io.storefront.cli.envfile;

import java.nio.file.Path;

import io.storefront.db.config.ServiceIdentity;

/**
 * The env file of each service in an env folder: {@code auth.env}, {@code product.env},
 * {@code cart.env}.
 */
public final class ServiceEnvFiles {

	private ServiceEnvFiles() {
	}

	public static String fileName(ServiceIdentity service) {
		return shortName(service) + ".env";
	}

	/** {@code auth}, {@code product}, {@code cart}. */
	public static String shortName(ServiceIdentity service) {
		String name = service.name();
		return name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
	}

	public static Path of(Path folder, ServiceIdentity service) {
		return folder.resolve(fileName(service));
	}

}
