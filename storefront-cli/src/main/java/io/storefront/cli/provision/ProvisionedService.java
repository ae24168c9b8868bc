package io.storefront.cli.provision;

import java.nio.file.Path;
import java.util.List;

import io.storefront.db.config.ServiceIdentity;

/**
 * What provisioning did for one service; no password.
 *
 * @param password {@code kept}, {@code rotated}, {@code new} (the role was created) or
 * {@code replaced} (the role existed, but no earlier password was found in the env
 * folder: {@link PasswordPolicy#KEEP_OR_REPLACE} only)
 * @param missingExtensions extensions the service uses that the server does not offer
 */
public record ProvisionedService(ServiceIdentity service, String database, boolean databaseCreated, String role,
		boolean roleCreated, String password, Path envFile, List<String> missingExtensions) {

	public String describe() {
		String done = "database " + this.database + " " + (this.databaseCreated ? "created" : "kept") + ", role "
				+ this.role + " " + (this.roleCreated ? "created" : "kept") + ", password " + this.password;
		if (this.missingExtensions.isEmpty()) {
			return done;
		}
		return done + "; WARNING: this PostgreSQL server does not offer the extension "
				+ String.join(", ", this.missingExtensions)
				+ " (PostgreSQL's contrib package); the service works without it, more slowly";
	}

}
