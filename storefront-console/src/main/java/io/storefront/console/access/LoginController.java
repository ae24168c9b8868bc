package io.storefront.console.access;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page's login form posts the access token here; a right one gets a session cookie.
 */
@RestController
class LoginController {

	private final AccessGate gate;

	LoginController(AccessGate gate) {
		this.gate = gate;
	}

	@PostMapping("/login")
	ResponseEntity<Void> login(@RequestParam(name = "token", required = false) String token,
			HttpServletRequest request) {
		return this.gate.login(token)
			.map((session) -> ResponseEntity.status(HttpStatus.SEE_OTHER)
				.header(HttpHeaders.LOCATION, "/")
				.header(HttpHeaders.SET_COOKIE, cookie(session, AccessGate.SESSION_LIFETIME, request).toString())
				.<Void>build())
			.orElseGet(() -> ResponseEntity.status(HttpStatus.SEE_OTHER)
				.header(HttpHeaders.LOCATION, "/?login=failed")
				.build());
	}

	@PostMapping("/logout")
	ResponseEntity<Void> logout(@CookieValue(name = AccessGate.COOKIE, required = false) String session,
			HttpServletRequest request) {
		this.gate.logout(session);
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.LOCATION, "/")
			.header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request).toString())
			.build();
	}

	private static ResponseCookie cookie(String value, Duration maxAge, HttpServletRequest request) {
		return ResponseCookie.from(AccessGate.COOKIE, value)
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Strict")
			.path("/")
			.maxAge(maxAge)
			.build();
	}

}
