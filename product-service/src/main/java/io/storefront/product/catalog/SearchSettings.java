package io.storefront.product.catalog;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much of the pool product searches ({@code GET /products}) may hold at once
 * ({@code storefront.product.search.*}).
 *
 * @param maxConcurrent searches running at once; the pool's other connections stay free
 * for reads by id (cart's lookups), writes and the rest
 * @param maxWait how long a search waits for its turn before it is answered 503
 */
@Validated
@ConfigurationProperties("storefront.product.search")
public record SearchSettings(@DefaultValue("8") @Min(1) int maxConcurrent,
		@DefaultValue("1s") @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 1) Duration maxWait) {

}
