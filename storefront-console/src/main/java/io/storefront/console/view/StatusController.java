package io.storefront.console.view;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.storefront.console.access.Access;
import io.storefront.console.access.AccessGate;
import io.storefront.console.access.WrongTokenWait;
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
import io.storefront.problem.Problems;

/**
 * The page's data: {@code /api/status} (what every row, the journal and the dependency
 * view show) and {@code /api/services/{index}/detailed} (the drill-down). Both only read
 * what the polls found; neither makes a request to a service.
 */
@RestController
class StatusController {

	static final int JOURNAL_SHOWN = 100;

	private final Watch watch;

	private final History history;

	private final AccessGate gate;

	private final ConsoleSettings settings;

	StatusController(Watch watch, History history, AccessGate gate, ConsoleSettings settings) {
		this.watch = watch;
		this.history = history;
		this.gate = gate;
		this.settings = settings;
	}

	@InitBinder
	void decimalIndexesOnly(WebDataBinder binder) {
		binder.registerCustomEditor(BigInteger.class, new DecimalIndexEditor());
	}

	@GetMapping(path = "/api/status", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> status(HttpServletRequest request) {
		Access access = this.gate.access(request);
		if (access instanceof Access.MustWait(Duration wait)) {
			return WrongTokenWait.answer(wait);
		}
		boolean authorized = access instanceof Access.Granted;
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
		StatusPage page = new StatusPage(now, this.settings.pollInterval().toMillis(),
				this.settings.staleAfter().toMillis(), this.settings.downAfter().toMillis(), this.gate.isProtected(),
				authorized, rows, authorized ? journal(states) : List.of(),
				authorized ? Dependencies.of(rows) : List.of());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page);
	}

	/**
	 * @param index any whole number: one no {@code long} can hold is a place that holds
	 * no service, as any other out of range, not a number that is none
	 */
	@GetMapping(path = "/api/services/{index}/detailed", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> detailed(@PathVariable BigInteger index, HttpServletRequest request) {
		Access access = this.gate.access(request);
		if (access instanceof Access.MustWait(Duration wait)) {
			return WrongTokenWait.answer(wait);
		}
		if (access instanceof Access.Refused) {
			return ResponseEntity.of(Problems.of(HttpStatus.UNAUTHORIZED, "log in to see the details"))
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"storefront-console\"")
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
				.build();
		}
		List<TargetState> states = this.watch.states();
		if (index.signum() < 0 || index.compareTo(BigInteger.valueOf(states.size())) >= 0) {
			return ResponseEntity.of(Problems.of(HttpStatus.NOT_FOUND, "no service number " + index))
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
				.build();
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
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
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
				(latency != null) ? latency > this.settings.slowAfter().toMillis() : null,
				(answer != null) ? answer.version() : null, database(answer),
				(answer != null) ? answer.breaker() : null, pool(detailed),
				(answer != null) ? answer.detailedProblem() : null, strip, percent(hour.share()), hour.sampledMinutes(),
				percent(day.share()), day.sampledMinutes(), state.started());
	}

	/**
	 * What a visitor without access is told: up or down, or pending while the console has
	 * not heard from the instance yet (it may well be up).
	 */
	static String publicHealth(Health health) {
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
