package io.storefront.console.access;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.storefront.problem.Problems;

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
	ResponseEntity<?> login(@RequestParam(name = "token", required = false) String token, HttpServletRequest request) {
		if (fromAnotherSite(request)) {
			return refused();
		}
		if (tokenInQuery(request)) {
			return ResponseEntity
				.of(Problems.of(HttpStatus.BAD_REQUEST,
						"the token goes in the form's body, not in the URL, which logs and browser histories keep"))
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
				.build();
		}
		Optional<Duration> wait = this.gate.mustWait(request.getRemoteAddr());
		if (wait.isPresent()) {
			return WrongTokenWait.answer(wait.get());
		}
		return this.gate.login(token, request.getRemoteAddr())
			.map((session) -> ResponseEntity.status(HttpStatus.SEE_OTHER)
				.header(HttpHeaders.LOCATION, "/")
				.header(HttpHeaders.SET_COOKIE, cookie(session, AccessGate.SESSION_LIFETIME, request).toString())
				.<Void>build())
			.orElseGet(() -> ResponseEntity.status(HttpStatus.SEE_OTHER)
				.header(HttpHeaders.LOCATION, "/?login=failed")
				.build());
	}

	@PostMapping("/logout")
	ResponseEntity<?> logout(@CookieValue(name = AccessGate.COOKIE, required = false) String session,
			HttpServletRequest request) {
		if (fromAnotherSite(request)) {
			return refused();
		}
		this.gate.logout(session);
		return ResponseEntity.status(HttpStatus.SEE_OTHER)
			.header(HttpHeaders.LOCATION, "/")
			.header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request).toString())
			.build();
	}

	/**
	 * Whether the query string names a {@code token}: the servlet request's parameters
	 * merge it with the form's, so it is looked for in the query string itself.
	 */
	private static boolean tokenInQuery(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query == null) {
			return false;
		}
		for (String parameter : query.split("&")) {
			try {
				if (URLDecoder.decode(parameter.split("=", 2)[0], StandardCharsets.UTF_8).equals("token")) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				// not a name at all, so not the token's
			}
		}
		return false;
	}

	/**
	 * Whether the browser says the form was posted by a page of another site (which could
	 * log the visitor out, or in with someone else's token). A client that is no browser
	 * sends neither header and is not refused.
	 */
	private static boolean fromAnotherSite(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			return !(site.equals("same-origin") || site.equals("none"));
		}
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		String host = request.getHeader(HttpHeaders.HOST);
		return origin != null && !(origin.equals("http://" + host) || origin.equals("https://" + host));
	}

	private static ResponseEntity<?> refused() {
		return ResponseEntity.of(Problems.of(HttpStatus.FORBIDDEN, "a form posted by another site is refused"))
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
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
