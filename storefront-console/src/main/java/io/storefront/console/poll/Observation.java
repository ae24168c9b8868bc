package io.storefront.console.poll;

import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * What one poll of one service instance found.
 *
 * @param at when the poll started
 * @param answer what the service said in {@code /health} and {@code /health/detailed}:
 * healthy, degraded or unhealthy; {@code null} when there was no usable answer
 * @param problem why the answer is not healthy, or why there was none, in a few words;
 * {@code null} if nothing is wrong
 * @param latency how long {@code /health} took; {@code null} without an answer
 * @param version the version {@code /health} reports
 * @param database the database as {@code /health} reports it
 * @param detailed the {@code /health/detailed} document, {@code null} if it could not be
 * read
 * @param detailedProblem why {@code detailed} is missing (no token, garbage, no answer)
 * @param breaker the state of the service's circuit breaker(s) from {@code /metrics},
 * {@code null} if it has none
 * @param started when the service's process started, from {@code /metrics}'
 * {@code process_start_time_seconds}; {@code null} if {@code /metrics} did not answer or
 * does not say
 */
public record Observation(Instant at, Health answer, String problem, Duration latency, String version,
		DatabaseLink database, JsonNode detailed, String detailedProblem, String breaker, Instant started) {

	public boolean answered() {
		return this.answer != null;
	}

	static Observation noAnswer(Instant at, String problem) {
		return new Observation(at, null, problem, null, null, null, null, null, null, null);
	}

	/**
	 * The database as {@code /health} reports it.
	 *
	 * @param status {@code connected} or {@code disconnected}
	 */
	public record DatabaseLink(String name, String status, String error) {

		public boolean connected() {
			return "connected".equals(this.status);
		}

	}

}
