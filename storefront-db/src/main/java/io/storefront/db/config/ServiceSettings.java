package io.storefront.db.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which service this is ({@code storefront.service.*}), set in each service's
 * {@code application.properties}.
 *
 * @param name {@code auth-service}, {@code product-service} or {@code cart-service}:
 * which database the service owns, and its default port
 * @param version the version the health answers report
 */
@ConfigurationProperties("storefront.service")
public record ServiceSettings(String name, @DefaultValue("unknown") String version) {

	static final String NAME = "storefront.service.name";

	/**
	 * The service named; a missing or unknown name is an {@link InvalidSettingException}
	 * naming the property.
	 */
	public ServiceIdentity identity() {
		if (this.name == null) {
			throw new InvalidSettingException(NAME, "is not set; the service cannot tell which database it owns");
		}
		return KnownServices.byName(this.name)
			.orElseThrow(() -> new InvalidSettingException(NAME, "names no known service (got \"" + this.name
					+ "\"; expected one of " + KnownServices.ALL.stream().map(ServiceIdentity::name).toList() + ")"));
	}

}
