/**
 * {@code Accept} read as RFC 9110 weighs it, in the services and the console alike: a
 * type of weight 0 is not acceptable, also beside a wider range of weight above 0; the
 * types' parameters are not honoured; empty elements are ignored.
 */
package io.storefront.problem.negotiation;
