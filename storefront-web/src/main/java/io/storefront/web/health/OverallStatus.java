package io.storefront.web.health;

import io.storefront.db.health.OperationReport;
import io.storefront.db.pool.PoolSnapshot;

/**
 * {@code healthy}, {@code degraded} or {@code unhealthy}, as the contract defines them:
 * unhealthy when the database cannot be reached; degraded when it answers but threads
 * wait for a connection, an operation test failed, or a connection budget is spent or
 * nearly: every connection of the pool in use (the next request will wait), or the
 * server's nearly all taken.
 */
enum OverallStatus {

	HEALTHY, DEGRADED, UNHEALTHY;

	/**
	 * Share of the server's usable connections in use beyond which the budget counts as
	 * nearly spent.
	 */
	static final double BUDGET_NEARLY_SPENT = 0.9;

	static OverallStatus of(OperationReport operations, PoolSnapshot pool) {
		if (!operations.connectionTest()) {
			return UNHEALTHY;
		}
		boolean budgetNearlySpent = operations.server().usableConnections() > 0 && operations.server()
			.serverConnections() >= BUDGET_NEARLY_SPENT * operations.server().usableConnections();
		boolean poolSpent = pool.checkedOut() >= pool.maximumPoolSize();
		if (!operations.allPassed() || pool.threadsAwaitingConnection() > 0 || poolSpent || budgetNearlySpent) {
			return DEGRADED;
		}
		return HEALTHY;
	}

	String json() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
