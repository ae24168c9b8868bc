package io.storefront.cli.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.storefront.cli.envfile.EnvFile;
import io.storefront.cli.envfile.ServiceEnvFiles;
import io.storefront.cli.provision.KubernetesSecrets;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.StorefrontSettings;

/**
 * One service as its env file configures it, resolved exactly as the service itself
 * resolves its variables. {@code settings} is {@code null} when the file is missing or
 * invalid; {@code problem} then says why.
 */
record ServiceTarget(ServiceIdentity service, Path envFile, StorefrontSettings settings, String problem) {

	static ServiceTarget load(Path envDirectory, ServiceIdentity service) {
		Path file = ServiceEnvFiles.of(envDirectory, service);
		Path secret = new KubernetesSecrets().file(envDirectory, service);
		if (!Files.isRegularFile(file) && Files.isRegularFile(secret)) {
			// db provision --out there, the usual advice, finds no env file holding the
			// roles' passwords and refuses, or with --rotate leaves the applied Secrets
			// wrong
			return new ServiceTarget(service, file, null,
					file.getFileName() + " not found in " + envDirectory + ", which holds " + secret.getFileName()
							+ ", a Kubernetes Secret of db provision --format kubernetes: db check reads env files"
							+ " only (docs/kubernetes.md)");
		}
		if (!Files.isRegularFile(file)) {
			return new ServiceTarget(service, file, null, file.getFileName() + " not found in " + envDirectory
					+ " (./storefront up writes them to <state-dir>/env, .storefront/env by default; for a server of "
					+ "your own run ./storefront db provision --admin-url URL --out " + envDirectory + ")");
		}
		try {
			Map<String, String> variables = EnvFile.read(file);
			return new ServiceTarget(service, file, StorefrontSettings.read(service, variables::get), null);
		}
		catch (InvalidSettingException ex) {
			return new ServiceTarget(service, file, null, file.getFileName() + ": " + ex.getMessage());
		}
	}

	boolean configured() {
		return this.settings != null;
	}

	/** {@code host:port} of the database server, as configured. */
	String server() {
		return this.settings.database().host() + ":" + this.settings.database().port();
	}

	int httpPort() {
		return (this.settings != null && this.settings.httpPort().isPresent()) ? this.settings.httpPort().getAsInt()
				: this.service.defaultPort();
	}

}
