package io.storefront.console.view;

import java.time.Instant;
import java.util.List;

/**
 * The JSON the page renders ({@code GET /api/status}). Without access, each row carries
 * only the name, address and health; the journal and dependencies are empty.
 */
public record StatusPage(Instant generatedAt, long pollIntervalMillis, long staleAfterMillis, long downAfterMillis,
		boolean accessRequired, boolean authorized, List<Row> services, List<JournalEntry> journal,
		List<Dependency> dependencies) {

	/**
	 * One service instance.
	 *
	 * @param index its place in the settings, for {@code /api/services/{index}/detailed}
	 * @param failedPolls how many polls in a row got no usable answer; while its last
	 * answer is recent enough to stand, {@code reason} says the latest's problem
	 * @param strip the last hour, a minute a cell, oldest first; null where nothing was
	 * sampled
	 * @param uptimeHour the share of the last hour's samples that said up, in percent;
	 * null if none said up or down
	 * @param uptimeHourSampledMinutes how many of the last hour's 60 minutes hold such a
	 * sample: fewer while the console has watched for less, or was not running
	 * @param uptimeDay as {@code uptimeHour}, over the last 24 hours
	 * @param uptimeDaySampledMinutes as {@code uptimeHourSampledMinutes}, of the day's
	 * 1440
	 * @param processStartedAt when the instance's process started, as its
	 * {@code /metrics} last said; null if it never did
	 */
	public record Row(int index, String name, String address, String health, String reason, String url,
			Double lastSeenSecondsAgo, Integer failedPolls, Long latencyMillis, Boolean slow, String version,
			Database database, String breaker, Pool pool, String detailsProblem, List<String> strip, Double uptimeHour,
			Integer uptimeHourSampledMinutes, Double uptimeDay, Integer uptimeDaySampledMinutes,
			Instant processStartedAt) {

		static Row upDownOnly(int index, String name, String address, String health) {
			return new Row(index, name, address, health, null, null, null, null, null, null, null, null, null, null,
					null, null, null, null, null, null, null);
		}

	}

	public record Database(String name, String status, String error, Integer maxConnections, Integer serviceConnections,
			Integer serverConnections, Integer activeConnections, String version) {
	}

	/**
	 * The pool's numbers from {@code /health/detailed}'s {@code pool_status}, and the
	 * server's limit.
	 *
	 * @param limit {@code pool_size + max_overflow}: the most connections the pool opens
	 * @param serverMax the server's {@code max_connections}
	 * @param serverReserved the slots of those the server keeps back
	 * ({@code superuser_reserved_connections} and {@code reserved_connections}); null if
	 * the service does not say
	 * @param serverUsable those the services may open, which a degraded row's reason
	 * counts against: {@code serverMax} less {@code serverReserved}
	 */
	public record Pool(int inUse, int idle, int overflow, int total, int waiting, long timeouts, int poolSize,
			int limit, Integer serverMax, Integer serverReserved, Integer serverUsable) {
	}

	/**
	 * A change of an instance's health, or a restart of its process.
	 *
	 * @param restart the process restarted: {@code from} and {@code to} are its health
	 * then, the same
	 */
	public record JournalEntry(Instant at, String name, String address, String from, String to, String reason,
			boolean restart) {
	}

	/**
	 * One arrow of the dependency view.
	 *
	 * @param health the health of what is depended on, as the console sees it
	 * @param note what else is known about the link (the circuit breaker's state)
	 */
	public record Dependency(String from, String to, String kind, String health, String note) {
	}

}
