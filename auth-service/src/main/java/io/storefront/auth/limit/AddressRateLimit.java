package io.storefront.auth.limit;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

import io.storefront.auth.web.RetryLaterException;

/**
 * Limits {@code POST} to login, registration and refresh per client address, before the
 * body is read. The address is the one Tomcat reports: the socket's peer, unless
 * {@code server.forward-headers-strategy} tells it to believe a trusted proxy's
 * {@code X-Forwarded-For}.
 */
class AddressRateLimit implements HandlerInterceptor {

	private final Map<String, KeyedBuckets> bucketsByPath;

	AddressRateLimit(Map<String, KeyedBuckets> bucketsByPath) {
		this.bucketsByPath = bucketsByPath;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		KeyedBuckets buckets = this.bucketsByPath.get(request.getRequestURI());
		if (buckets != null && "POST".equals(request.getMethod())) {
			buckets.take(request.getRemoteAddr()).ifPresent((wait) -> {
				throw RetryLaterException.rateLimited("too many requests from this address; retry later", wait);
			});
		}
		return true;
	}

}
