/**
 * The answers Spring MVC gives to {@code OPTIONS} itself.
 */
package io.storefront.web.options;
