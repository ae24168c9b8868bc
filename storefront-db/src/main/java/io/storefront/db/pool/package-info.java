/**
 * The service's one HikariCP pool: built from the contract's variables, owned with its
 * idle reserve and numbers by {@link io.storefront.db.pool.StorefrontPool}, and seen by
 * the application only through {@link io.storefront.db.pool.GuardedDataSource}, which
 * fails fast while the database is known to be down. Also the start-up gate, and
 * {@link io.storefront.db.pool.SqlErrors} for reading driver failures.
 */
package io.storefront.db.pool;
