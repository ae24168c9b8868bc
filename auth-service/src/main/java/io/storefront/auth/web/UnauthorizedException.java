package io.storefront.auth.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;

/**
 * 401 as problem+json, raised by a controller: bad credentials, or a refresh or access
 * token that no longer counts.
 */
public class UnauthorizedException extends ErrorResponseException {

	private static final String INVALID_TOKEN = "the bearer token is invalid or expired";

	private UnauthorizedException(String detail, String challenge) {
		super(HttpStatus.UNAUTHORIZED, Problems.of(HttpStatus.UNAUTHORIZED, detail), null);
		if (challenge != null) {
			getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
	}

	/** The same answer for an unknown email and a wrong password. */
	public static UnauthorizedException badCredentials() {
		return new UnauthorizedException("the email or password is incorrect", null);
	}

	public static UnauthorizedException invalidRefreshToken() {
		return new UnauthorizedException("the refresh token is invalid, expired or revoked", null);
	}

	/**
	 * A well-signed access token whose user is gone: the token no longer identifies
	 * anyone. The challenge words it as every other invalid token's, so that it does not
	 * tell the holder that the signature was good.
	 */
	public static UnauthorizedException unknownSubject() {
		return new UnauthorizedException(INVALID_TOKEN,
				"Bearer error=\"invalid_token\", error_description=\"" + INVALID_TOKEN + "\"");
	}

}
