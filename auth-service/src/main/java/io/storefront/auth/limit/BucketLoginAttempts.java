package io.storefront.auth.limit;

import io.storefront.web.problem.RetryLaterException;

class BucketLoginAttempts implements LoginAttempts {

	private final KeyedBuckets buckets;

	BucketLoginAttempts(KeyedBuckets buckets) {
		this.buckets = buckets;
	}

	@Override
	public void begin(String email) {
		this.buckets.take(email).ifPresent((wait) -> {
			throw RetryLaterException.rateLimited("too many login attempts for this account; retry later", wait);
		});
	}

	@Override
	public void giveBack(String email) {
		this.buckets.giveBack(email);
	}

}
