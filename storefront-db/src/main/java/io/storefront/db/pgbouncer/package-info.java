/**
 * {@link io.storefront.db.pgbouncer.PgBouncerConsole}: PgBouncer's admin console, which
 * the PostgreSQL driver cannot talk to. {@code db check} reads PgBouncer's limits through
 * it, and the test kit's PgBouncer takes its commands ({@code KILL}, {@code RESUME},
 * {@code SHOW …}) through it. Needs {@code com.ongres.scram:scram-client}, an optional
 * dependency of this library that the services do not carry.
 */
package io.storefront.db.pgbouncer;
