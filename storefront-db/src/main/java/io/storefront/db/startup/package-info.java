/**
 * How a service starts and fails to:
 * {@link io.storefront.db.startup.StorefrontApplication} (exit status 1), a failure
 * reported as one line naming what to fix, and the training run of the start-up cache.
 */
package io.storefront.db.startup;
