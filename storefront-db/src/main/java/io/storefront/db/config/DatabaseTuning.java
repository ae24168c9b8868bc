package io.storefront.db.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Knobs beyond the contract's variables, with defaults that suit every service; set them
 * as {@code storefront.db.*} properties or {@code STOREFRONT_DB_*} environment variables.
 *
 * @param overflowIdleTimeout how long an overflow connection may sit idle before it is
 * closed
 * @param leakDetectionThreshold a connection held longer than this is reported with the
 * place it was taken ({@code 0} = off; otherwise at least 2 s)
 * @param connectTimeout limit for opening one TCP connection to the server
 * @param socketTimeout limit for any single read from the server, so a half-dead network
 * cannot hang a request
 * @param healthTimeout hard limit of one health probe
 * @param monitorInterval how often the monitor probes the database in the background
 */
@Validated
@ConfigurationProperties("storefront.db")
public record DatabaseTuning(@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration overflowIdleTimeout,
		@DefaultValue("0s") @NotNull @DurationMin(seconds = 0) Duration leakDetectionThreshold,
		@DefaultValue("5s") @NotNull @DurationMin(seconds = 1) Duration connectTimeout,
		@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration socketTimeout,
		@DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration healthTimeout,
		@DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration monitorInterval) {

	/**
	 * HikariCP switches leak detection off, with only a WARN, below this (and above the
	 * connections' lifetime, which {@code PoolFactory} checks).
	 */
	private static final Duration SHORTEST_LEAK_DETECTION = Duration.ofSeconds(2);

	public DatabaseTuning {
		if (leakDetectionThreshold != null && leakDetectionThreshold.isPositive()
				&& leakDetectionThreshold.compareTo(SHORTEST_LEAK_DETECTION) < 0) {
			throw new InvalidSettingException("storefront.db.leak-detection-threshold",
					"must be 0s (off) or at least 2s, HikariCP's shortest; got " + leakDetectionThreshold.toMillis()
							+ "ms");
		}
	}

}
