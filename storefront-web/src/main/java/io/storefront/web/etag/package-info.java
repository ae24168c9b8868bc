/**
 * {@link io.storefront.web.etag.VersionTag}: the one spelling of a row's version as an
 * entity tag, which product writes and product and cart read back.
 */
package io.storefront.web.etag;
