/**
 * Tomcat's side of the HTTP edge: the executor that bounds the requests processed at
 * once. The errors Tomcat answers itself are written as problem+json by
 * {@code io.storefront.problem.ProblemErrorReportValve}.
 */
package io.storefront.web.tomcat;
