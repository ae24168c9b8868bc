package io.storefront.auth.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys this service signs with and publishes. The signing key is fixed at start-up:
 * the one from {@code AUTH_SIGNING_KEY}, else the active key in {@code auth_db}, created
 * once by whichever instance gets there first. The published set (every stored key plus
 * the signing key) is re-read from the database now and then, so a key another replica
 * starts using becomes verifiable here too; while the database is unreachable the last
 * set read stays in use.
 */
public class SigningKeys {

	private static final Logger logger = LoggerFactory.getLogger(SigningKeys.class);

	/** How stale the published set may get before the JWKS endpoint re-reads it. */
	static final Duration PUBLISHED_MAX_AGE = Duration.ofSeconds(60);

	/**
	 * A token with an unknown key id re-reads the set at most this often (they cost
	 * nothing to forge).
	 */
	static final Duration UNKNOWN_KID_RELOAD_INTERVAL = Duration.ofSeconds(10);

	private final SigningKeyRepository repository;

	private final RSAKey signingKey;

	private final Clock clock;

	private final ReentrantLock reloading = new ReentrantLock();

	private final AtomicBoolean backgroundReload = new AtomicBoolean();

	private volatile JWKSet published;

	private volatile Instant lastLoad;

	SigningKeys(SigningKeyRepository repository, RSAKey signingKey, Clock clock) {
		this.repository = repository;
		this.signingKey = signingKey;
		this.clock = clock;
		this.published = new JWKSet(signingKey.toPublicJWK());
		this.lastLoad = Instant.MIN;
		reload();
	}

	/**
	 * Uses {@code configured} when present, else the database's active key, creating it
	 * if there is none.
	 */
	static SigningKeys load(SigningKeyRepository repository, Optional<RSAKey> configured, Clock clock) {
		RSAKey signingKey = configured.orElseGet(() -> activeOrCreate(repository));
		logger.info("signing with key kid={} ({})", signingKey.getKeyID(),
				configured.isPresent() ? "from AUTH_SIGNING_KEY" : "from auth_db");
		return new SigningKeys(repository, signingKey, clock);
	}

	/**
	 * The active stored key; when there is none, one is generated and stored unless
	 * another instance stored one first.
	 */
	static RSAKey activeOrCreate(SigningKeyRepository repository) {
		Optional<StoredSigningKey> active = repository.findActive();
		if (active.isEmpty()) {
			RSAKey fresh = RsaKeys.generate();
			if (repository.insertActiveUnlessPresent(fresh.getKeyID(), RsaKeys.toPem(fresh))) {
				logger.info("generated a new signing key kid={}", fresh.getKeyID());
			}
			active = repository.findActive();
		}
		return active.orElseThrow(() -> new IllegalStateException("no active signing key after creating one")).toJwk();
	}

	/** The private key new access tokens are signed with. */
	public RSAKey signingKey() {
		return this.signingKey;
	}

	/**
	 * The public keys for {@code /.well-known/jwks.json}: the set last read, at once.
	 * When it is older than {@link #PUBLISHED_MAX_AGE} one re-read starts in the
	 * background, so a stuck database (the read waits out the pool's timeout) never holds
	 * up the endpoint the other services verify tokens with.
	 */
	public JWKSet publishedKeys() {
		reloadInBackgroundIfStale();
		return this.published;
	}

	/**
	 * Where this service's own {@code JwtDecoder} finds verification keys: the set last
	 * read, kept as fresh as the published one, so that a key deleted from the database
	 * stops verifying here too, whether or not anyone asks for the JWKS.
	 */
	public JWKSource<SecurityContext> verificationKeys() {
		return (selector, context) -> {
			reloadInBackgroundIfStale();
			List<JWK> found = selector.select(this.published);
			if (found.isEmpty() && reloadIfOlderThan(UNKNOWN_KID_RELOAD_INTERVAL)) {
				found = selector.select(this.published);
			}
			return found;
		};
	}

	private void reloadInBackgroundIfStale() {
		if (isOlderThan(PUBLISHED_MAX_AGE) && this.backgroundReload.compareAndSet(false, true)) {
			Thread.ofVirtual().name("signing-keys-reload").start(() -> {
				try {
					reloadIfOlderThan(PUBLISHED_MAX_AGE);
				}
				finally {
					this.backgroundReload.set(false);
				}
			});
		}
	}

	private boolean reloadIfOlderThan(Duration age) {
		if (!isOlderThan(age)) {
			return false;
		}
		this.reloading.lock();
		try {
			if (!isOlderThan(age)) {
				return false;
			}
			return reload();
		}
		finally {
			this.reloading.unlock();
		}
	}

	private boolean isOlderThan(Duration age) {
		return !this.lastLoad.plus(age).isAfter(this.clock.instant());
	}

	/**
	 * Called with {@link #reloading} held, or from the constructor. A lock rather than
	 * {@code synchronized}: the query runs on a virtual thread (a request's, for an
	 * unknown key id), which a monitor would pin to its carrier for as long as the
	 * database takes on Java 21 to 23.
	 */
	private boolean reload() {
		this.lastLoad = this.clock.instant();
		try {
			Map<String, JWK> keys = new LinkedHashMap<>();
			keys.put(this.signingKey.getKeyID(), this.signingKey.toPublicJWK());
			for (StoredSigningKey stored : this.repository.findAll()) {
				keys.putIfAbsent(stored.kid(), stored.toJwk().toPublicJWK());
			}
			this.published = new JWKSet(new ArrayList<>(keys.values()));
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("could not re-read the signing keys; keeping the {} already known: {}",
					this.published.getKeys().size(), ex.getClass().getSimpleName());
			return false;
		}
	}

}
