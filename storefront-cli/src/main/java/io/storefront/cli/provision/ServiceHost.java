package io.storefront.cli.provision;

import java.util.OptionalInt;

import io.storefront.cli.ServiceWords;
import io.storefront.cli.UsageException;
import io.storefront.cli.envfile.ServiceEnvFiles;
import io.storefront.db.config.ServiceIdentity;

/**
 * {@code --service-host HOST[:PORT]}: where the services reach the server when that is
 * not where the administrator does (inside a cluster: {@code storefront-pg-rw}, or a
 * Pooler per service, {@code {service}-db-pooler}, {@code {service}} standing for
 * {@code auth}, {@code product}, {@code cart}).
 */
public record ServiceHost(String template, OptionalInt port) {

	public static ServiceHost parse(String option, String text) {
		String value = text.strip();
		int colon = value.lastIndexOf(':');
		OptionalInt port = OptionalInt.empty();
		if (colon >= 0) {
			String digits = value.substring(colon + 1);
			if (!digits.matches("\\d{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
				throw new UsageException(
						option + " must be HOST or HOST:PORT with a port from 1 to 65535 (got \"" + text + "\")");
			}
			port = OptionalInt.of(Integer.parseInt(digits));
			value = value.substring(0, colon);
		}
		if (!value.replace("{service}", "auth").matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
			throw new UsageException(option + " must be a host name, {service} standing for "
					+ ServiceWords.KNOWN.names(" or ") + " (got \"" + text + "\")");
		}
		return new ServiceHost(value, port);
	}

	public String host(ServiceIdentity service) {
		return this.template.replace("{service}", ServiceEnvFiles.shortName(service));
	}

}
