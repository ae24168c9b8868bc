/**
 * Tomcat's side of the HTTP edge: the executor that bounds the requests processed at
 * once, and the optional probe port ({@code STOREFRONT_WEB_PROBE_PORT}) that answers only
 * the health endpoints. The errors Tomcat answers itself are written as problem+json by
 * {@code io.storefront.problem.ProblemErrorReportValve}.
 */
package io.storefront.web.tomcat;
