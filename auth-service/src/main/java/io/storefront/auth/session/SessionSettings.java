package io.storefront.auth.session;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long a login lasts ({@code storefront.auth.session.*}).
 *
 * @param absoluteLifetime how long after the login its refresh tokens stop working,
 * however often they were rotated; each refresh token also expires 14 days after it was
 * issued, whichever comes first
 */
@Validated
@ConfigurationProperties("storefront.auth.session")
public record SessionSettings(@DefaultValue("30d") @NotNull @DurationMin(minutes = 1) Duration absoluteLifetime) {

}
