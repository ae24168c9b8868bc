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
 * closed (at least 10 s: HikariCP replaces a shorter one with 10 minutes)
 * @param leakDetectionThreshold a connection held longer than this is reported with the
 * place it was taken ({@code 0} = off; otherwise from 2 s to the pool's recycle time,
 * which {@code PoolFactory} checks)
 * @param connectTimeout limit for opening one TCP connection to the server
 * @param socketTimeout limit for any single read from the server, so a half-dead network
 * cannot hang a request
 * @param migrationSocketTimeout the same limit on Flyway's connection, where one
 * migration statement may rightly run for minutes (an index built on a large table)
 * @param healthTimeout hard limit of one health probe
 * @param monitorInterval how often the monitor probes the database in the background
 */
@Validated
@ConfigurationProperties("storefront.db")
public record DatabaseTuning(@DefaultValue("30s") @NotNull @DurationMin(seconds = 10) Duration overflowIdleTimeout,
		@DefaultValue("0s") @NotNull @DurationMin(seconds = 0) Duration leakDetectionThreshold,
		@DefaultValue("5s") @NotNull @DurationMin(seconds = 1) Duration connectTimeout,
		@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration socketTimeout,
		@DefaultValue("1h") @NotNull @DurationMin(seconds = 1) Duration migrationSocketTimeout,
		@DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration healthTimeout,
		@DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration monitorInterval) {

}
