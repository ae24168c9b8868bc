package io.storefront.web.security;

import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * More than one {@code Authorization} header is refused (400) wherever a token is read:
 * Spring would read the first, a proxy in front might check the last, and the service
 * would act for a caller other than the one checked.
 */
public final class AuthorizationHeaders {

	public static final String MORE_THAN_ONE = "the request has more than one Authorization header";

	private AuthorizationHeaders() {
	}

	public static boolean moreThanOne(HttpServletRequest request) {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		if (headers == null || !headers.hasMoreElements()) {
			return false;
		}
		headers.nextElement();
		return headers.hasMoreElements();
	}

}
