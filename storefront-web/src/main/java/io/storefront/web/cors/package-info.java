/**
 * Cross-origin requests from browsers: the services allow none.
 */
package io.storefront.web.cors;
