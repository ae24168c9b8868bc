package io.storefront.cli.provision;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.storefront.cli.envfile.EnvFile;
import io.storefront.cli.envfile.ServiceEnvFiles;
import io.storefront.db.config.ServiceIdentity;

/**
 * {@code auth.env}, {@code product.env}, {@code cart.env}: what the services and
 * {@code db check} read.
 */
final class EnvFileOutput implements ProvisionOutput {

	@Override
	public Path file(Path folder, ServiceIdentity service) {
		return ServiceEnvFiles.of(folder, service);
	}

	@Override
	public Map<String, String> read(Path file) {
		return EnvFile.read(file);
	}

	@Override
	public void write(Path file, ServiceIdentity service, Map<String, String> urls, String written) {
		EnvFile.write(file, urls,
				List.of(service.name() + " database login, written by ./storefront db provision (" + written + ").",
						"Secret: keep this file private (mode 600). Other variables added here are kept."));
	}

	@Override
	public String describe() {
		return "Env files";
	}

}
