package io.storefront.auth.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.storefront.problem.Problems;

/**
 * 401 as problem+json, raised by a controller: bad credentials, or a refresh token that
 * no longer counts. An access token that no longer counts is refused by the resource
 * server's entry point instead, with its challenge ({@link TokenSubject}).
 */
public class UnauthorizedException extends ErrorResponseException {

	private UnauthorizedException(String detail) {
		super(HttpStatus.UNAUTHORIZED, Problems.of(HttpStatus.UNAUTHORIZED, detail), null);
	}

	/** The same answer for an unknown email and a wrong password. */
	public static UnauthorizedException badCredentials() {
		return new UnauthorizedException("the email or password is incorrect");
	}

	public static UnauthorizedException invalidRefreshToken() {
		return new UnauthorizedException("the refresh token is invalid, expired or revoked");
	}

}
