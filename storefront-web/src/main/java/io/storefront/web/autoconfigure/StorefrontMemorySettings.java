package io.storefront.web.autoconfigure;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The service's memory ({@code storefront.memory.*}, {@code STOREFRONT_MEMORY_*}).
 *
 * @param returnIdleHeapAfter with no garbage collection for this long after a burst, one
 * full collection gives the unused heap back to the system (see
 * {@link io.storefront.web.memory.IdleHeapReturn}); {@code 0} never does
 */
@Validated
@ConfigurationProperties("storefront.memory")
public record StorefrontMemorySettings(
		@DefaultValue("30s") @NotNull @DurationMin(millis = 0) Duration returnIdleHeapAfter) {

}
