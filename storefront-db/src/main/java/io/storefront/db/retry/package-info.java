/**
 * {@link io.storefront.db.retry.ReadRetry}: work that may run twice (reads) runs once
 * more when the connection under it was lost.
 */
package io.storefront.db.retry;
