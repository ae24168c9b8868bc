package io.storefront.auth.user;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much of the machine bcrypt may take ({@code storefront.auth.password-hashing.*}).
 *
 * @param maxConcurrent bcrypt computations at once; 0 means one fewer than the processors
 * (at least one), which leaves a processor for the health probes, the JWKS and every
 * other request
 * @param maxWait how long a login or registration waits for its turn before it is
 * answered 503
 */
@Validated
@ConfigurationProperties("storefront.auth.password-hashing")
public record PasswordHashingSettings(@DefaultValue("0") @Min(0) int maxConcurrent,
		@DefaultValue("2s") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 1) Duration maxWait) {

	/**
	 * The number of concurrent computations {@link #maxConcurrent()} stands for on this
	 * machine.
	 */
	int concurrency() {
		return (this.maxConcurrent > 0) ? this.maxConcurrent
				: Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
	}

}
