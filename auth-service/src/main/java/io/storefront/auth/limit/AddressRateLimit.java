package io.storefront.auth.limit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

import io.storefront.web.problem.RetryLaterException;

/**
 * Limits {@code POST} to one path (login, registration or refresh) per client address,
 * before the body is parsed (it has arrived by then: storefront-web receives a body
 * before the request takes a turn). Spring MVC maps the path to this interceptor as it
 * maps it to the controller, percent-decoded, so {@code /auth/%6Cogin} counts as
 * {@code /auth/login}. The address is the one Tomcat reports: the socket's peer, unless
 * {@code server.forward-headers-strategy} tells it to believe a trusted proxy's
 * {@code X-Forwarded-For}. IPv6 clients are counted by their /64 network
 * ({@link ClientNetwork}).
 */
class AddressRateLimit implements HandlerInterceptor {

	private final KeyedBuckets buckets;

	AddressRateLimit(KeyedBuckets buckets) {
		this.buckets = buckets;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if ("POST".equals(request.getMethod())) {
			this.buckets.take(ClientNetwork.of(request.getRemoteAddr())).ifPresent((wait) -> {
				throw RetryLaterException.rateLimited("too many requests from this address; retry later", wait);
			});
		}
		return true;
	}

}
