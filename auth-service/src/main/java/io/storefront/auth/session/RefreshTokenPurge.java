package io.storefront.auth.session;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code refresh_tokens} from growing without bound: hourly, tokens expired for
 * over a day are deleted, with the families left empty. Replicas may run it at the same
 * time; the deletes are idempotent.
 */
@Component
class RefreshTokenPurge {

	private static final Logger logger = LoggerFactory.getLogger(RefreshTokenPurge.class);

	static final Duration GRACE = Duration.ofDays(1);

	private final RefreshTokenRepository refreshTokens;

	RefreshTokenPurge(RefreshTokenRepository refreshTokens) {
		this.refreshTokens = refreshTokens;
	}

	@Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
	void purge() {
		try {
			int deleted = this.refreshTokens.purgeExpired(GRACE);
			if (deleted > 0) {
				logger.info("purged expired refresh tokens: rows={}", deleted);
			}
		}
		catch (DataAccessException ex) {
			logger.warn("purging expired refresh tokens failed; retrying in an hour: {}",
					ex.getClass().getSimpleName());
		}
	}

}
