package io.storefront.console.view;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import io.storefront.console.history.History;
import io.storefront.console.history.Transition;
import io.storefront.console.history.Uptime;
import io.storefront.console.poll.Health;
import io.storefront.console.poll.Observation;
import io.storefront.console.poll.UsableConnections;
import io.storefront.console.settings.ConsoleSettings;
import io.storefront.console.settings.ServiceTarget;
import io.storefront.console.view.StatusPage.Database;
import io.storefront.console.view.StatusPage.JournalEntry;
import io.storefront.console.view.StatusPage.Pool;
import io.storefront.console.view.StatusPage.Row;
import io.storefront.console.watch.TargetState;
import io.storefront.console.watch.Verdict;
import io.storefront.console.watch.Watch;

/**
 * What the page shows, made from what the polls found: the {@link StatusPage} of
 * {@code /api/status} and an instance's drill-down. It only reads the watch and its
 * history, never a service; who may see what is its caller's to say.
 */
@Component
class StatusReport {

	static final int JOURNAL_SHOWN = 100;

	private final Watch watch;

	private final History history;

	StatusReport(Watch watch, History history) {
		this.watch = watch;
		this.history = history;
	}

	/**
	 * @param accessRequired an access token is set
	 * @param authorized the visitor may see everything, not only up or down
	 */
	StatusPage page(boolean accessRequired, boolean authorized) {
		Instant now = this.watch.now();
		List<Row> rows = new ArrayList<>();
		List<TargetState> states = this.watch.states();
		for (int i = 0; i < states.size(); i++) {
			TargetState state = states.get(i);
			Verdict verdict = this.watch.verdict(state, now);
			ServiceTarget target = state.target();
			rows.add(authorized ? row(i, state, verdict, now)
					: Row.upDownOnly(i, target.name(), target.address(), publicHealth(verdict.health())));
		}
		ConsoleSettings settings = this.watch.settings();
		return new StatusPage(now, settings.pollInterval().toMillis(), settings.staleAfter().toMillis(),
				settings.downAfter().toMillis(), accessRequired, authorized, rows,
				authorized ? journal(states) : List.of(), authorized ? Dependencies.of(rows) : List.of());
	}

	/**
	 * The latest {@code /health/detailed} of the instance at {@code index}, with how
	 * current it is; empty if no instance stands there.
	 */
	Optional<Map<String, Object>> drillDown(BigInteger index) {
		List<TargetState> states = this.watch.states();
		if (index.signum() < 0 || index.compareTo(BigInteger.valueOf(states.size())) >= 0) {
			return Optional.empty();
		}
		TargetState state = states.get(index.intValueExact());
		Observation answer = state.lastAnswer();
		Instant now = this.watch.now();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", state.target().name());
		body.put("address", state.target().address());
		// the instance's state now: a stale or down instance's report is only its last
		// known
		Verdict verdict = this.watch.verdict(state, now);
		body.put("health", verdict.health().json());
		// while polls fail before stale-after, the health is the last answer's: the page
		// marks it last known, as in the instance's row
		body.put("failedPolls", verdict.failedPolls());
		body.put("at", (answer != null) ? answer.at() : null);
		body.put("ageSeconds", (answer != null) ? Duration.between(answer.at(), now).toMillis() / 1000.0 : null);
		body.put("detailed", (answer != null) ? answer.detailed() : null);
		body.put("problem",
				(answer == null) ? "no answer yet" : (answer.detailed() == null) ? answer.detailedProblem() : null);
		return Optional.of(body);
	}

	private Row row(int index, TargetState state, Verdict verdict, Instant now) {
		ServiceTarget target = state.target();
		Observation answer = state.lastAnswer();
		Observation last = state.last();
		Long latency = (last != null && last.latency() != null) ? last.latency().toMillis() : null;
		Double lastSeen = (answer != null) ? Duration.between(answer.at(), now).toMillis() / 1000.0 : null;
		JsonNode detailed = (answer != null) ? answer.detailed() : null;
		List<String> strip = this.history.lastHour(target.key(), now)
			.stream()
			.map((health) -> (health != null) ? health.json() : null)
			.toList();
		Uptime hour = this.history.uptime(target.key(), now, Duration.ofHours(1));
		Uptime day = this.history.uptime(target.key(), now, History.KEPT);
		return new Row(index, target.name(), target.address(), verdict.health().json(), verdict.reason(),
				target.baseUrl().toString(), lastSeen, verdict.failedPolls(), latency,
				(latency != null) ? latency > this.watch.settings().slowAfter().toMillis() : null,
				(answer != null) ? answer.version() : null, database(answer),
				(answer != null) ? answer.breaker() : null, pool(detailed),
				(answer != null) ? answer.detailedProblem() : null, strip, percent(hour.share()), hour.sampledMinutes(),
				percent(day.share()), day.sampledMinutes(), state.started());
	}

	/**
	 * What a visitor without access is told: up or down, or pending while the console has
	 * not heard from the instance yet (it may well be up).
	 */
	private static String publicHealth(Health health) {
		if (health == Health.PENDING) {
			return Health.PENDING.json();
		}
		return health.isUp() ? "up" : "down";
	}

	private List<JournalEntry> journal(List<TargetState> states) {
		Map<String, ServiceTarget> byKey = new HashMap<>();
		states.forEach((state) -> byKey.put(state.target().key(), state.target()));
		List<JournalEntry> entries = new ArrayList<>();
		for (Transition transition : this.history.transitions()) {
			ServiceTarget target = byKey.get(transition.key());
			if (target == null) {
				continue; // a service no longer watched
			}
			entries.add(new JournalEntry(transition.at(), target.name(), target.address(), transition.from().json(),
					transition.to().json(), transition.reason(), transition.restart()));
			if (entries.size() == JOURNAL_SHOWN) {
				break;
			}
		}
		return entries;
	}

	private static Database database(Observation answer) {
		if (answer == null) {
			return new Database(null, null, null, null, null, null, null, null);
		}
		JsonNode info = (answer.detailed() != null) ? answer.detailed().path("database_info") : null;
		Observation.DatabaseLink link = answer.database();
		return new Database(link.name(), link.status(), link.error(), integer(info, "max_connections"),
				integer(info, "service_connections"), integer(info, "server_connections"),
				integer(info, "active_connections"), (info != null && info.path("database_version").isString())
						? info.path("database_version").asString() : null);
	}

	private static Pool pool(JsonNode detailed) {
		if (detailed == null || !detailed.path("pool_status").isObject()) {
			return null;
		}
		JsonNode pool = detailed.path("pool_status");
		JsonNode server = detailed.path("database_info");
		int size = pool.path("pool_size").asInt(0);
		int limit = pool.has("maximum_pool_size") ? pool.path("maximum_pool_size").asInt()
				: size + pool.path("max_overflow").asInt(0);
		return new Pool(pool.path("checked_out_connections").asInt(0), pool.path("checked_in_connections").asInt(0),
				pool.path("overflow_connections").asInt(0), pool.path("total_connections").asInt(0),
				pool.path("threads_awaiting_connection").asInt(0), pool.path("connection_timeouts").asLong(0), size,
				limit, integer(server, "max_connections"), integer(server, "reserved_connections"),
				UsableConnections.of(server));
	}

	private static Integer integer(JsonNode node, String field) {
		return (node != null && node.path(field).isNumber()) ? node.path(field).asInt() : null;
	}

	private static Double percent(OptionalDouble value) {
		return value.isPresent() ? Math.round(value.getAsDouble() * 10) / 10.0 : null;
	}

}
