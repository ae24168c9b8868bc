/**
 * Strict query strings and path variables: a parameter the endpoint takes once is refused
 * when it comes twice, as a JSON body with a key twice is, and numbers and UUIDs are read
 * only in their one canonical spelling.
 */
package io.storefront.web.query;
