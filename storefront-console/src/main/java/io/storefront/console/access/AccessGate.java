package io.storefront.console.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.storefront.console.settings.ConsoleSettings;

/**
 * Who may see more than up/down. With no access token set, everyone. With one, a request
 * that carries it as {@code Authorization: Bearer}, or the cookie of a login that gave it
 * (kept in memory for 12 hours, so a console restart asks again). An address that gave
 * too many wrong tokens waits before its next one is checked ({@link WrongTokenLimit}).
 */
@Component
public class AccessGate {

	public static final String COOKIE = "storefront_console_session";

	static final Duration SESSION_LIFETIME = Duration.ofHours(12);

	private final Optional<byte[]> token;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Instant> sessions = new ConcurrentHashMap<>();

	private final WrongTokenLimit wrongTokens = new WrongTokenLimit();

	public AccessGate(ConsoleSettings settings, Clock clock) {
		this.token = settings.access().map((value) -> value.getBytes(StandardCharsets.UTF_8));
		this.clock = clock;
	}

	public boolean isProtected() {
		return this.token.isPresent();
	}

	/**
	 * What {@code request} may see. Whether its address must wait is asked before its
	 * token is checked, so that the guess that uses up the address's allowance is still
	 * told it was wrong, and only the next one waits; a request that sends no token is
	 * never made to wait.
	 */
	public Access access(HttpServletRequest request) {
		Optional<Duration> wait = (request.getHeader(HttpHeaders.AUTHORIZATION) != null)
				? mustWait(request.getRemoteAddr()) : Optional.empty();
		if (allows(request)) {
			return new Access.Granted();
		}
		return wait.<Access>map(Access.MustWait::new).orElseGet(Access.Refused::new);
	}

	private boolean allows(HttpServletRequest request) {
		if (this.token.isEmpty()) {
			return true;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				&& isRight(authorization.substring(7).strip(), request.getRemoteAddr())) {
			return true;
		}
		Cookie[] cookies = request.getCookies();
		if (cookies != null) {
			for (Cookie cookie : cookies) {
				if (COOKIE.equals(cookie.getName()) && isLiveSession(cookie.getValue())) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * How long {@code address} must wait before a token it gives is checked (it gave too
	 * many wrong ones); empty when it need not.
	 */
	public Optional<Duration> mustWait(String address) {
		return this.wrongTokens.wait(address);
	}

	/** A new session for the right token from {@code address}, or empty. */
	public Optional<String> login(String given, String address) {
		if (this.token.isEmpty() || given == null || !isRight(given.strip(), address)) {
			return Optional.empty();
		}
		byte[] id = new byte[24];
		this.random.nextBytes(id);
		String session = HexFormat.of().formatHex(id);
		Instant now = this.clock.instant();
		this.sessions.values().removeIf((expiry) -> expiry.isBefore(now));
		this.sessions.put(session, now.plus(SESSION_LIFETIME));
		return Optional.of(session);
	}

	public void logout(String session) {
		if (session != null) {
			this.sessions.remove(session);
		}
	}

	private boolean isLiveSession(String session) {
		Instant expiry = this.sessions.get(session);
		return expiry != null && expiry.isAfter(this.clock.instant());
	}

	/**
	 * Whether {@code given} is the token; never while {@code address} must wait, and a
	 * wrong one counts against it.
	 */
	private boolean isRight(String given, String address) {
		return this.wrongTokens.check(address, () -> matches(given));
	}

	private boolean matches(String given) {
		return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), this.token.get());
	}

}
