package io.storefront.db.provision;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.storefront.db.config.ServiceIdentity;

/**
 * A service's login on its own database, as provisioning left it, with the extensions it
 * needs that the server does not offer. {@link #toString()} hides the password;
 * {@link #databaseUrl(String, int)} is the one place it is written out, for the env file.
 */
public record ServiceAccount(ServiceIdentity service, String role, String password, boolean roleCreated,
		boolean databaseCreated, boolean passwordChanged, List<String> missingExtensions) {

	public ServiceAccount {
		missingExtensions = List.copyOf(missingExtensions);
	}

	ServiceAccount withMissingExtensions(List<String> missing) {
		return new ServiceAccount(this.service, this.role, this.password, this.roleCreated, this.databaseCreated,
				this.passwordChanged, missing);
	}

	public String databaseUrl(String host, int port) {
		return "postgresql://" + encode(this.role) + ":" + encode(this.password) + "@" + host + ":" + port + "/"
				+ encode(this.service.databaseName());
	}

	@Override
	public String toString() {
		return "ServiceAccount[" + this.service.name() + ", role=" + this.role + ", password=******, roleCreated="
				+ this.roleCreated + ", databaseCreated=" + this.databaseCreated + ", passwordChanged="
				+ this.passwordChanged + ", missingExtensions=" + this.missingExtensions + "]";
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
