package io.storefront.cart.product;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.storefront.db.config.InvalidSettingException;

/**
 * How cart-service calls the product service. The defaults suit production; each can be
 * overridden with {@code storefront.cart.product-service.*} (or the matching environment
 * variable, e.g. {@code STOREFRONT_CART_PRODUCTSERVICE_RESPONSETIMEOUT=1500ms}).
 *
 * @param connectTimeout limit for opening the TCP connection
 * @param responseTimeout limit for one attempt, from sending the request to the last byte
 * of the answer
 * @param totalTimeout limit for one lookup, all attempts and the pause between them
 * included
 * @param retryBackoff pause before the single retry
 * @param breakerWindow number of recent calls the breaker judges
 * @param breakerMinimumCalls calls needed in the window before the breaker may open
 * @param breakerFailureRate percentage of failed calls that opens the breaker
 * @param breakerOpenDuration how long an open breaker refuses calls before letting trial
 * calls through
 * @param breakerTrialCalls trial calls in the half-open state that decide between closing
 * and re-opening
 */
@ConfigurationProperties("storefront.cart.product-service")
public record ProductServiceSettings(@DefaultValue("1s") Duration connectTimeout,
		@DefaultValue("2s") Duration responseTimeout, @DefaultValue("3s") Duration totalTimeout,
		@DefaultValue("100ms") Duration retryBackoff, @DefaultValue("10") int breakerWindow,
		@DefaultValue("5") int breakerMinimumCalls, @DefaultValue("50") float breakerFailureRate,
		@DefaultValue("5s") Duration breakerOpenDuration, @DefaultValue("3") int breakerTrialCalls) {

	private static final String PREFIX = "storefront.cart.product-service.";

	public ProductServiceSettings {
		positive("connect-timeout", connectTimeout);
		positive("response-timeout", responseTimeout);
		positive("total-timeout", totalTimeout);
		positive("breaker-open-duration", breakerOpenDuration);
		if (retryBackoff == null || retryBackoff.isNegative()) {
			throw new InvalidSettingException(PREFIX + "retry-backoff", "must be zero or more");
		}
		atLeastOne("breaker-window", breakerWindow);
		atLeastOne("breaker-minimum-calls", breakerMinimumCalls);
		atLeastOne("breaker-trial-calls", breakerTrialCalls);
		if (!(breakerFailureRate > 0 && breakerFailureRate <= 100)) {
			throw new InvalidSettingException(PREFIX + "breaker-failure-rate", "must be a percentage in (0, 100]");
		}
	}

	/**
	 * The first attempt's limit: it starts as the lookup does, so it has the whole
	 * response timeout unless the lookup's is shorter.
	 */
	public Duration firstAttemptTimeout() {
		return (this.responseTimeout.compareTo(this.totalTimeout) <= 0) ? this.responseTimeout : this.totalTimeout;
	}

	private static void atLeastOne(String name, int value) {
		if (value < 1) {
			throw new InvalidSettingException(PREFIX + name, "must be at least 1 (got " + value + ")");
		}
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw new InvalidSettingException(PREFIX + name, "must be a positive duration such as 2s");
		}
	}

}
