/**
 * {@link io.storefront.web.etag.VersionTag}: the one spelling of a row's version as an
 * entity tag, which product writes and product and cart read back; and
 * {@link io.storefront.web.etag.PreconditionsArgument}, which reads {@code If-Match} and
 * {@code If-None-Match} for product's and cart's own preconditions.
 */
package io.storefront.web.etag;
