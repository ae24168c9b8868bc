/**
 * Strict query strings: a parameter the endpoint takes once is refused when it comes
 * twice, as a JSON body with a key twice is.
 */
package io.storefront.web.query;
