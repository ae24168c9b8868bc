package io.storefront.cli.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.storefront.cli.CommandFailedException;
import io.storefront.cli.envfile.EnvFile;
import io.storefront.cli.envfile.ServiceEnvFiles;
import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.StorefrontSettings;

/**
 * The passwords an earlier provisioning left in the env files, by role, so that re-running keeps
 * them. A file whose login is not the service's own role (a hand-made file) contributes nothing.
 */
final class KnownPasswords {

	private KnownPasswords() {
	}

	static Map<String, String> read(Path envDirectory, List<ServiceIdentity> services) {
		Map<String, String> passwords = new HashMap<>();
		for (ServiceIdentity service : services) {
			Path file = ServiceEnvFiles.of(envDirectory, service);
			if (!Files.isRegularFile(file)) {
				continue;
			}
			DatabaseSettings database;
			try {
				Map<String, String> variables = EnvFile.read(file);
				database = StorefrontSettings.read(service, variables::get).database();
			}
			catch (InvalidSettingException ex) {
				throw new CommandFailedException("cannot read the password kept in " + file + ": " + ex.getMessage()
						+ "; fix the file, or re-run with --rotate to replace it");
			}
			if (database.user().equals(service.defaultRole()) && database.hasPassword()) {
				passwords.put(service.defaultRole(), database.password());
			}
		}
		return passwords;
	}

}
