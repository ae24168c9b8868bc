package io.storefront.cli;

import java.util.List;
import java.util.function.Function;

import io.storefront.cli.envfile.ServiceEnvFiles;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;

/**
 * The services as help texts and messages name them, so that a service added to
 * {@link KnownServices} is named in each: {@code auth, product and cart},
 * {@code auth_db, product_db and cart_db}.
 */
public record ServiceWords(List<ServiceIdentity> services) {

	public static final ServiceWords KNOWN = new ServiceWords(KnownServices.ALL);

	public ServiceWords {
		services = List.copyOf(services);
	}

	/**
	 * {@code auth, product and cart}.
	 * @param last what goes before the last name: {@code " and "}, {@code " or "},
	 * {@code ", "}
	 */
	public String names(String last) {
		return join(ServiceEnvFiles::shortName, last);
	}

	/** {@code auth.env, product.env and cart.env}; see {@link #names}. */
	public String envFiles(String last) {
		return join(ServiceEnvFiles::fileName, last);
	}

	/** {@code auth_db, product_db and cart_db}; see {@link #names}. */
	public String databases(String last) {
		return join(ServiceIdentity::databaseName, last);
	}

	/**
	 * One word for each service, in {@link KnownServices} order; see {@link #names}.
	 */
	public String join(Function<ServiceIdentity, String> word, String last) {
		List<String> words = this.services.stream().map(word).toList();
		if (words.size() < 2) {
			return String.join("", words);
		}
		return String.join(", ", words.subList(0, words.size() - 1)) + last + words.get(words.size() - 1);
	}

}
