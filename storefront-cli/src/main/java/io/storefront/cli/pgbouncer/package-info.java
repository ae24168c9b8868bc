/**
 * A PgBouncer in transaction mode for the services' databases: its {@code pgbouncer.ini}
 * and SCRAM {@code auth_file}
 * ({@link io.storefront.cli.pgbouncer.PgBouncerProvisioning}), and the connection budget
 * that sizes it ({@link io.storefront.cli.pgbouncer.PgBouncerSizing}). Used by
 * {@code db provision --pgbouncer} and open to the launcher.
 */
package io.storefront.cli.pgbouncer;
