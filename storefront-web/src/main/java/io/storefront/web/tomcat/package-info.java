/**
 * Tomcat's side of the HTTP edge: the executor that bounds the requests processed at
 * once, and problem+json for the errors Tomcat answers before a request reaches Spring.
 */
package io.storefront.web.tomcat;
