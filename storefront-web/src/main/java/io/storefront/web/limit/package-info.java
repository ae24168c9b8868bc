/**
 * Limits on a request's body: its size (413) and the time it may take to arrive (408),
 * enforced before the request takes one of the turns of
 * {@code storefront.web.max-concurrent-requests}.
 */
package io.storefront.web.limit;
