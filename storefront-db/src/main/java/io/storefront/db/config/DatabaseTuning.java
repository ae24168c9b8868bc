package io.storefront.db.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Knobs beyond the contract's variables, with defaults that suit every service; set them as
 * {@code storefront.db.*} properties or {@code STOREFRONT_DB_*} environment variables.
 *
 * @param overflowIdleTimeout how long an overflow connection may sit idle before it is closed
 * @param leakDetectionThreshold a connection held longer than this is reported with the place it was
 * taken ({@code 0} = off)
 * @param connectTimeout limit for opening one TCP connection to the server
 * @param socketTimeout limit for any single read from the server, so a half-dead network cannot hang a
 * request
 * @param healthTimeout hard limit of one health probe
 * @param monitorInterval how often the monitor probes the database in the background
 */
@ConfigurationProperties("storefront.db")
public record DatabaseTuning(@DefaultValue("30s") Duration overflowIdleTimeout,
		@DefaultValue("0s") Duration leakDetectionThreshold, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration socketTimeout, @DefaultValue("2s") Duration healthTimeout,
		@DefaultValue("1s") Duration monitorInterval) {

	public static DatabaseTuning defaults() {
		return new DatabaseTuning(Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(5),
				Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(1));
	}

}
