/**
 * Settings: the contract's variables ({@code DATABASE_*}, {@code PORT}, {@code DEBUG}, …)
 * read by hand into {@link io.storefront.db.config.StorefrontSettings} (Spring's binder
 * cannot parse {@code postgresql+asyncpg://} URLs or name the variable in one line), the
 * service table and {@code .env} files, all plain Java that the command-line tool uses
 * too; and the Spring side: {@link io.storefront.db.config.DatabaseTuning} for
 * {@code storefront.db.*}, the variables taken literally from the environment, the
 * environment post-processor.
 */
package io.storefront.db.config;
