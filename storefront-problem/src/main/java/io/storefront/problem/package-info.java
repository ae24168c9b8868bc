/**
 * RFC 9457 problem details built one way ({@link io.storefront.problem.Problems}) and
 * written one way ({@link io.storefront.problem.ProblemJson}), also for the errors no
 * controller answers: those forwarded to {@code /error}
 * ({@link io.storefront.problem.ProblemErrorController}) and those Tomcat answers itself
 * ({@link io.storefront.problem.ProblemErrorReportValve}).
 */
package io.storefront.problem;
