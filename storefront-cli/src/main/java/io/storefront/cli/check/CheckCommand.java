package io.storefront.cli.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.cli.ExitStatus;
import io.storefront.cli.Options;
import io.storefront.cli.StateDirectory;
import io.storefront.cli.Terminal;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;

/** {@code db check [--env-dir DIR] [--http] [--json] [--replicas N] [--pgbouncer DIR]}: the connection test for all three services. */
public final class CheckCommand {

	public static final String USAGE = """
			usage: storefront db check [--env-dir DIR] [--http] [--json] [--replicas N] [--pgbouncer DIR]
			  Connects with each service's settings (auth.env, product.env, cart.env) and reports latency,
			  server version and database, proves isolation (each login is refused by the other two
			  databases; any other database the login may open fails, or warns when PUBLIC may open it)
			  and checks the connection budget (through PgBouncer, when the env files say
			  DATABASE_POOLER=pgbouncer: its clients and its server connections); exit status 0 only when
			  everything passes.
			  --env-dir DIR   where the env files are (default: .storefront/env of this checkout)
			  --http          also call each running service's /health and /health/detailed
			  --json          print the report as JSON instead of a table
			  --replicas N    how many instances of each service the budget must allow (default 1)
			  --pgbouncer DIR where db provision --pgbouncer wrote pgbouncer.ini: PgBouncer's limits
			                  when its console does not answer""";

	private final Terminal terminal;

	public CheckCommand(Terminal terminal) {
		this.terminal = terminal;
	}

	public int run(List<String> arguments) {
		Options options = Options.parse(arguments, Set.of("--http", "--json"), Set.of("--env-dir", "--replicas", "--pgbouncer"));
		Path envDirectory = options.value("--env-dir")
			.map((dir) -> Path.of(dir).toAbsolutePath().normalize())
			.orElseGet(() -> StateDirectory.envDirectory(this.terminal));
		int replicas = options.number("--replicas", 1, 1);
		Path pgbouncerDirectory = options.value("--pgbouncer")
			.map((dir) -> Path.of(dir).toAbsolutePath().normalize())
			.orElse(null);
		CheckReport report = check(envDirectory, replicas, options.flag("--http"), pgbouncerDirectory);
		if (options.flag("--json")) {
			this.terminal.out().println(json().writeValueAsString(report));
		}
		else {
			TableRenderer.render(report, this.terminal.out());
		}
		return report.ok() ? ExitStatus.OK : ExitStatus.FAILED;
	}

	static CheckReport check(Path envDirectory, int replicas, boolean http, Path pgbouncerDirectory) {
		List<ServiceTarget> targets = new ArrayList<>();
		for (ServiceIdentity service : KnownServices.ALL) {
			targets.add(ServiceTarget.load(envDirectory, service));
		}
		Map<ServiceTarget, ConnectionReport> connections = new LinkedHashMap<>();
		List<ServiceReport> services = new ArrayList<>();
		HttpCheck httpCheck = http ? new HttpCheck() : null;
		for (ServiceTarget target : targets) {
			ConnectionReport connection = target.configured() ? ConnectionCheck.run(target.settings().database())
					: ConnectionReport.failed(target.problem());
			connections.put(target, connection);
			// isolation is the server's grants: asked of PostgreSQL itself when the migrations reach it directly
			IsolationReport isolation = connection.ok()
					? IsolationCheck.run(target.service(), target.settings().migration()) : null;
			HttpReport httpReport = (httpCheck != null) ? httpCheck.run(target) : null;
			services.add(ServiceReport.of(target, connection, isolation, httpReport));
		}
		List<BudgetReport> budgets = BudgetCheck.run(targets, connections, replicas, pgbouncerDirectory);
		return CheckReport.of(envDirectory.toString(), replicas, services, budgets);
	}

	static JsonMapper json() {
		return JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.enable(SerializationFeature.INDENT_OUTPUT)
			.build();
	}

}
