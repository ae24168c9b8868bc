/**
 * The health endpoints of contract section 3 over the probes of
 * {@code io.storefront.db.health}: the light probes answered by
 * {@link io.storefront.web.health.HealthProbeFilter} ahead of every other filter,
 * {@code /health/detailed} by {@link io.storefront.web.health.HealthController}.
 */
package io.storefront.web.health;
