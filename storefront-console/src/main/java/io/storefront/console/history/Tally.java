package io.storefront.console.history;

import java.util.EnumMap;
import java.util.Map;

import io.storefront.console.poll.Health;

/** How many samples of each health one instance had in one minute. */
final class Tally {

	private final EnumMap<Health, Integer> counts = new EnumMap<>(Health.class);

	void add(Health health, int count) {
		this.counts.merge(health, count, Integer::sum);
	}

	void addAll(Tally other) {
		other.counts.forEach(this::add);
	}

	/** The worst health seen in the minute, or null if none was counted. */
	Health worst() {
		return this.counts.keySet().stream().reduce(Health::worse).orElse(null);
	}

	/**
	 * Samples that say up, and samples that say anything (pending ones do not count
	 * either way).
	 */
	int up() {
		return this.counts.entrySet().stream().filter((e) -> e.getKey().isUp()).mapToInt(Map.Entry::getValue).sum();
	}

	int judged() {
		return this.counts.entrySet()
			.stream()
			.filter((e) -> e.getKey() != Health.PENDING)
			.mapToInt(Map.Entry::getValue)
			.sum();
	}

	Map<Health, Integer> counts() {
		return Map.copyOf(this.counts);
	}

}
