package io.storefront.cli.provision;

import java.nio.file.Path;

import io.storefront.db.config.ServiceIdentity;

/**
 * What provisioning did for one service; no password.
 *
 * @param password {@code kept}, {@code rotated}, {@code new} (the role was created) or {@code replaced}
 * (the role existed, but no earlier password was found in the env folder)
 */
public record ProvisionedService(ServiceIdentity service, String database, boolean databaseCreated, String role,
		boolean roleCreated, String password, Path envFile) {

	public String describe() {
		return "database " + this.database + " " + (this.databaseCreated ? "created" : "kept") + ", role " + this.role
				+ " " + (this.roleCreated ? "created" : "kept") + ", password " + this.password;
	}

}
