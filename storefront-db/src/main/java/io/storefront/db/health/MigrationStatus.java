package io.storefront.db.health;

import java.util.concurrent.atomic.AtomicBoolean;

/** Whether the service's schema migrations have been applied; part of readiness. */
public class MigrationStatus {

	private final AtomicBoolean applied;

	public MigrationStatus(boolean applied) {
		this.applied = new AtomicBoolean(applied);
	}

	public boolean isApplied() {
		return this.applied.get();
	}

	public void markApplied() {
		this.applied.set(true);
	}

}
