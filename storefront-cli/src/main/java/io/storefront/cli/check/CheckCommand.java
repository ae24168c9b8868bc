package io.storefront.cli.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Option;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.storefront.cli.CliVersion;
import io.storefront.cli.ExitStatus;
import io.storefront.cli.FolderOption;
import io.storefront.cli.Replicas;
import io.storefront.cli.ServiceWords;
import io.storefront.cli.StateDirectory;
import io.storefront.cli.Terminal;
import io.storefront.cli.UsageException;
import io.storefront.cli.pgbouncer.PgBouncerProvisioning;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;

/**
 * {@code db check [--env-dir DIR] [--http] [--json] [--replicas N] [--pgbouncer DIR]}:
 * the connection test for every service.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
		synopsisHeading = "usage: ", sortOptions = false, descriptionHeading = "%n", optionListHeading = "%n",
		footerHeading = "%n", footer = ExitStatus.CHECK_HELP,
		description = "Connects with each service's settings (${bundle:services.env-files}) and reports "
				+ "latency, server version and database, proves isolation (each login is refused by the other"
				+ " services' databases; any other database the login may open fails, or warns when PUBLIC may open"
				+ " it) and checks the connection budget (through PgBouncer, when the env files say "
				+ "DATABASE_POOLER=pgbouncer: its clients and its server connections).")
public final class CheckCommand implements Callable<Integer> {

	@Option(names = "--env-dir", paramLabel = "DIR",
			description = "where the env files are (default: $STOREFRONT_STATE_DIR/env, else .storefront/env of this checkout)")
	Path envDir;

	@Option(names = "--http", description = "also call each running service's /health and /health/detailed")
	boolean http;

	@Option(names = "--json", description = "print the report as JSON instead of a table")
	boolean json;

	@Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
			description = "how many instances of each service the budget must allow (1 to 1000, default 1)")
	String replicas;

	@Option(names = "--pgbouncer", paramLabel = "DIR",
			description = "where db provision --pgbouncer wrote pgbouncer.ini: PgBouncer's limits when its console "
					+ "does not answer")
	Path pgbouncer;

	private final Terminal terminal;

	private final Help.Ansi ansi;

	public CheckCommand(Terminal terminal, Help.Ansi ansi) {
		this.terminal = terminal;
		this.ansi = ansi;
	}

	@Override
	public Integer call() {
		int replicas = Replicas.parse(this.replicas);
		Path envDirectory = Optional.ofNullable(FolderOption.absolute("--env-dir", this.envDir))
			.orElseGet(() -> StateDirectory.envDirectory(this.terminal));
		if (Files.exists(envDirectory) && !Files.isDirectory(envDirectory)) {
			// an env file given for its folder: every row would say that its file
			// is "not found in" a file
			throw new UsageException("--env-dir " + envDirectory + " is a file, not a folder (give the folder that"
					+ " holds " + ServiceWords.KNOWN.envFiles(" and ") + ")");
		}
		Path pgbouncerDirectory = FolderOption.absolute("--pgbouncer", this.pgbouncer);
		if (pgbouncerDirectory != null && !Files.isRegularFile(pgbouncerDirectory.resolve(PgBouncerProvisioning.INI))) {
			throw new UsageException("--pgbouncer " + pgbouncerDirectory + " holds no " + PgBouncerProvisioning.INI
					+ " (give the folder db provision --pgbouncer wrote)");
		}
		HttpCheck http = this.http ? new HttpCheck(Optional.ofNullable(this.terminal.variable("HEALTH_DETAILS_TOKEN")))
				: null;
		CheckReport report = check(envDirectory, replicas, http, pgbouncerDirectory,
				(step) -> this.terminal.err().println("db check: " + step + "..."));
		if (this.json) {
			this.terminal.out().println(json().writeValueAsString(report));
		}
		else {
			TableRenderer.render(report, this.terminal.out(), this.ansi);
		}
		return report.exitStatus();
	}

	/**
	 * @param httpCheck what calls the running services, or {@code null} for no such calls
	 * @param progress told, before each step, what is being checked
	 */
	static CheckReport check(Path envDirectory, int replicas, HttpCheck httpCheck, Path pgbouncerDirectory,
			Consumer<String> progress) {
		List<ServiceTarget> targets = new ArrayList<>();
		for (ServiceIdentity service : KnownServices.ALL) {
			targets.add(ServiceTarget.load(envDirectory, service));
		}
		Map<ServiceTarget, ConnectionReport> connections = new LinkedHashMap<>();
		List<ServiceReport> services = new ArrayList<>();
		try (ExecutorService opening = Executors.newVirtualThreadPerTaskExecutor()) {
			// side by side: a server that does not answer costs the check its connection
			// limit once, not once per service
			Map<ServiceTarget, Future<ConnectionReport>> opened = new LinkedHashMap<>();
			for (ServiceTarget target : targets) {
				opened.put(target,
						target.configured() ? opening.submit(() -> ConnectionCheck.run(target.settings().database()))
								: CompletableFuture.completedFuture(ConnectionReport.failed(target.problem())));
			}
			for (ServiceTarget target : targets) {
				progress.accept(target.service().name() + (target.configured() ? " at " + target.server() : ""));
				ConnectionReport connection = outcome(opened.get(target));
				connections.put(target, connection);
				// isolation is the server's grants: asked of PostgreSQL itself when the
				// migrations reach it directly
				IsolationReport isolation = connection.ok()
						? IsolationCheck.run(target.service(), target.settings().migration()) : null;
				HttpReport httpReport = (httpCheck != null) ? httpCheck.run(target) : null;
				services.add(ServiceReport.of(target, connection, isolation, httpReport));
			}
		}
		progress.accept("the connection budget for " + replicas + " replica" + ((replicas == 1) ? "" : "s"));
		List<BudgetReport> budgets = BudgetCheck.run(targets, connections, replicas, pgbouncerDirectory);
		return CheckReport.of(envDirectory.toString(), replicas, services, budgets);
	}

	private static ConnectionReport outcome(Future<ConnectionReport> connection) {
		try {
			return connection.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while connecting", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException failure) ? failure
					: new IllegalStateException(ex.getCause());
		}
	}

	static JsonMapper json() {
		return JsonMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.enable(SerializationFeature.INDENT_OUTPUT)
			.build();
	}

}
