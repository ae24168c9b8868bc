package io.storefront.auth.limit;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits of login, registration and refresh ({@code storefront.auth.rate-limit.*}),
 * each a token bucket: a client may spend its whole allowance at once, which then comes
 * back evenly over the period. The buckets live in this replica's memory.
 *
 * @param enabled whether the limits apply at all
 * @param loginPerAddress logins one client address may attempt per {@code addressPeriod}
 * @param registerPerAddress registrations one client address may attempt per
 * {@code addressPeriod}
 * @param refreshPerAddress refreshes one client address may make per
 * {@code addressPeriod}
 * @param addressPeriod the period the per-address allowances come back over
 * @param failedLoginsPerAccount wrong passwords one account may be tried with per
 * {@code accountPeriod}, from any number of addresses; a login that succeeds or cannot be
 * checked (503) does not count once answered, but each login holds one while it runs
 * @param accountPeriod the period the per-account allowance comes back over
 * @param maxTrackedKeys how many addresses and accounts are tracked at most, for each
 * limit; the ones used least are forgotten first (a bucket unused for its period is full
 * anyway)
 */
@Validated
@ConfigurationProperties("storefront.auth.rate-limit")
public record RateLimitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("30") @Min(1) int loginPerAddress,
		@DefaultValue("10") @Min(1) int registerPerAddress, @DefaultValue("60") @Min(1) int refreshPerAddress,
		@DefaultValue("1m") @NotNull @DurationMin(seconds = 1) Duration addressPeriod,
		@DefaultValue("10") @Min(1) int failedLoginsPerAccount,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration accountPeriod,
		@DefaultValue("10000") @Min(100) @Max(10_000_000) int maxTrackedKeys) {

}
