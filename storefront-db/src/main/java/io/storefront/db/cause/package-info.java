/**
 * {@link io.storefront.db.cause.CauseChain}: the one way Storefront looks through wrapped
 * exceptions, without Spring, so that the command-line tool can use it.
 */
package io.storefront.db.cause;
