package io.storefront.db.shutdown;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * How a service stops ({@code storefront.shutdown.*}, {@code STOREFRONT_SHUTDOWN_*}).
 *
 * <p>
 * The default here is {@code 0s} for an application context started by hand, as the tests
 * do; a service started by its {@code main}
 * ({@link io.storefront.db.startup.StorefrontApplication}) drains for
 * {@link #SERVICE_DRAIN_PERIOD} unless the setting says otherwise.
 *
 * @param drainPeriod how long after SIGTERM the service keeps serving while
 * {@code /health/ready} answers 503, so that a load balancer or Kubernetes stops routing
 * to it before it stops listening ({@code 0} = no drain). A bare number is seconds, as in
 * the contract's variables and Kubernetes' {@code terminationGracePeriodSeconds} beside
 * which it is set: read as Spring's milliseconds, {@code 5} drained for nothing,
 * silently.
 */
@Validated
@ConfigurationProperties("storefront.shutdown")
public record ShutdownSettings(@DefaultValue("0s") @NotNull @DurationMin(seconds = 0) @DurationMax(
		minutes = 5) @DurationUnit(ChronoUnit.SECONDS) Duration drainPeriod) {

	public static final String DRAIN_PERIOD = "storefront.shutdown.drain-period";

	public static final String SERVICE_DRAIN_PERIOD = "5s";

}
