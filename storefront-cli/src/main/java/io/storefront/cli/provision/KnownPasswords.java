package io.storefront.cli.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.storefront.cli.CommandFailedException;
import io.storefront.db.config.DatabaseSettings;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.StorefrontSettings;

/**
 * The passwords an earlier provisioning left in its files (env files or Secrets), by
 * role, so that re-running keeps them. A file whose login is not the service's own role
 * (a hand-made file) contributes nothing.
 */
final class KnownPasswords {

	private KnownPasswords() {
	}

	static Map<String, String> read(Path folder, List<ServiceIdentity> services, ProvisionOutput output) {
		Map<String, String> passwords = new HashMap<>();
		for (ServiceIdentity service : services) {
			Path file = output.file(folder, service);
			if (!Files.isRegularFile(file)) {
				continue;
			}
			DatabaseSettings database;
			try {
				Map<String, String> variables = output.read(file);
				database = StorefrontSettings.read(service, variables::get).database();
			}
			catch (InvalidSettingException | IllegalArgumentException ex) {
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
