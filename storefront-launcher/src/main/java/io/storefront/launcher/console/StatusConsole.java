package io.storefront.launcher.console;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.storefront.db.config.ServiceIdentity;
import io.storefront.launcher.LauncherException;
import io.storefront.launcher.services.ListenAddress;
import io.storefront.launcher.services.ServiceEnvironment;
import io.storefront.launcher.services.ServiceProcess;
import io.storefront.launcher.services.ServiceSpec;
import io.storefront.launcher.services.StartTimeout;
import io.storefront.launcher.state.StateLayout;

/**
 * The status console under {@code up} (storefront-console, see docs/console.md): a child
 * process like the services, on its own port, watching every service {@code up} started.
 * Its history is kept in the state folder, so it survives a restart of {@code up};
 * settings the developer exported ({@code STOREFRONT_CONSOLE_*}) reach it unchanged.
 */
public final class StatusConsole implements AutoCloseable {

	public static final String NAME = "storefront-console";

	public static final String JAR = NAME + "/target/" + NAME + ".jar";

	/**
	 * A small heap and the quickest start: the console holds a day of per-minute counts
	 * and one page.
	 */
	static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx128m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

	private static final Duration STOP_GRACE = Duration.ofSeconds(10);

	private final ServiceProcess process;

	private StatusConsole(ServiceProcess process) {
		this.process = process;
	}

	/**
	 * Starts the console watching {@code services}; returns once it answers, or throws.
	 */
	public static StatusConsole start(Path jar, int port, List<ServiceSpec> services, ListenAddress listen,
			Map<String, String> inherited, StateLayout state, Path javaHome, PrintStream out, Duration limit,
			BooleanSupplier stop) {
		ServiceSpec spec = new ServiceSpec(new ServiceIdentity(NAME, port, "", ""), jar, JVM_OPTIONS, port,
				environment(port, services, listen, inherited, state), state.serviceLog(NAME));
		StatusConsole console = new StatusConsole(
				ServiceProcess.start(spec, javaHome, state.root(), STOP_GRACE, out, NAME + " | "));
		try {
			console.awaitReady(limit, stop);
		}
		catch (RuntimeException ex) {
			console.close();
			throw ex;
		}
		return console;
	}

	/**
	 * Where {@code up} finds the console's jar; a missing one is an error that says how
	 * to build it.
	 */
	public static Path jar(Path projectRoot) {
		Path jar = projectRoot.resolve(JAR);
		if (!Files.isRegularFile(jar)) {
			throw new LauncherException(JAR + " is missing; build it with ./storefront build");
		}
		return jar;
	}

	static Map<String, String> environment(int port, List<ServiceSpec> services, ListenAddress listen,
			Map<String, String> inherited, StateLayout state) {
		Map<String, String> environment = new HashMap<>(inherited);
		// DEBUG asks the services for their SQL statements; the console has none, and
		// Spring Boot would read it as its own debug mode, a log line per request
		environment.remove("DEBUG");
		environment.put("PORT", Integer.toString(port));
		environment.put(ServiceEnvironment.SERVER_ADDRESS, listen.address());
		environment.put("STOREFRONT_CONSOLE_SERVICES",
				services.stream().map((spec) -> spec.name() + "=" + spec.baseUrl()).collect(Collectors.joining(",")));
		environment.putIfAbsent("STOREFRONT_CONSOLE_HISTORY_FILE",
				state.root().resolve("console-history.jsonl").toString());
		// the services under up get HEALTH_DETAILS_TOKEN from this same environment
		String detailsToken = inherited.get("HEALTH_DETAILS_TOKEN");
		if (detailsToken != null) {
			environment.putIfAbsent("STOREFRONT_CONSOLE_DETAILS_TOKEN", detailsToken);
		}
		environment.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "logstash");
		return environment;
	}

	public String url() {
		return this.process.spec().baseUrl() + "/";
	}

	public long pid() {
		return this.process.child().pid();
	}

	private void awaitReady(Duration limit, BooleanSupplier stop) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest ready = HttpRequest.newBuilder(URI.create(this.process.spec().baseUrl() + "/health/ready"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline && !stop.getAsBoolean()) {
			if (!this.process.child().isAlive()) {
				throw new LauncherException(NAME + " exited with code " + this.process.child().exitCode().orElse(-1)
						+ " during start-up: " + String.join(" / ", this.process.lastLines()));
			}
			try {
				if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			sleep();
		}
		if (!stop.getAsBoolean()) {
			throw new LauncherException(NAME + StartTimeout.notReadyWithin(limit, this.process.spec().log()));
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public boolean isAlive() {
		return this.process.child().isAlive();
	}

	@Override
	public void close() {
		this.process.child().stop();
	}

}
