package io.storefront.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens the decoder has verified, by their exact text, so that a client
 * sending the same token with every request has it parsed, its signature checked and its
 * claims validated once rather than on each request (for a cart request that was most of
 * the service's own CPU time).
 * <p>
 * An entry lives until the token's {@code exp}, and never longer than
 * {@code KEY_CACHE_TIME}, the time the decoder itself keeps a key set: a token signed
 * with a key withdrawn from the set stops verifying no later than it would without this
 * cache. Only successes are kept; a token that fails is checked again each time. At most
 * {@code MAX_TOKENS} are kept, the least recently used go first.
 */
final class VerifiedTokenCache implements JwtDecoder {

	static final int MAX_TOKENS = 4096;

	static final Duration KEY_CACHE_TIME = Duration.ofMinutes(5);

	private final JwtDecoder decoder;

	private final Clock clock;

	private final Cache<String, Jwt> verified;

	VerifiedTokenCache(JwtDecoder decoder, Clock clock) {
		this(decoder, clock, Ticker.systemTicker());
	}

	/**
	 * @param ticker the time Caffeine measures an entry's life by; tests move it with
	 * {@code clock}
	 */
	VerifiedTokenCache(JwtDecoder decoder, Clock clock, Ticker ticker) {
		this.decoder = decoder;
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumSize(MAX_TOKENS)
			.expireAfter(new UntilExpiry(clock))
			.ticker(ticker)
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt != null && isCurrent(jwt)) {
			return jwt;
		}
		jwt = this.decoder.decode(token);
		this.verified.put(token, jwt);
		return jwt;
	}

	/**
	 * Caffeine evicts lazily; a token read just after its {@code exp} is verified again,
	 * not served.
	 */
	private boolean isCurrent(Jwt jwt) {
		return jwt.getExpiresAt() != null && this.clock.instant().isBefore(jwt.getExpiresAt());
	}

	/** Keeps each token until its own expiry, within {@link #KEY_CACHE_TIME}. */
	private record UntilExpiry(Clock clock) implements Expiry<String, Jwt> {

		@Override
		public long expireAfterCreate(String token, Jwt jwt, long currentTime) {
			Instant expiresAt = jwt.getExpiresAt();
			if (expiresAt == null) {
				return 0;
			}
			Duration left = Duration.between(this.clock.instant(), expiresAt);
			if (left.isNegative()) {
				return 0;
			}
			return ((left.compareTo(KEY_CACHE_TIME) < 0) ? left : KEY_CACHE_TIME).toNanos();
		}

		@Override
		public long expireAfterUpdate(String token, Jwt jwt, long currentTime, long currentDuration) {
			return expireAfterCreate(token, jwt, currentTime);
		}

		@Override
		public long expireAfterRead(String token, Jwt jwt, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
