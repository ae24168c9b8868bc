package io.storefront.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.storefront.launcher.services.CheckHint;
import io.storefront.launcher.services.ServiceSpec;
import io.storefront.launcher.state.AdminLogin;

/**
 * What {@code up} prints once everything is ready: where each service and the status
 * console are, and how to log in.
 */
final class Summary {

	private Summary() {
	}

	static void print(PrintStream out, String database, List<ServiceSpec> services, Optional<String> console,
			AdminLogin admin, Path adminFile, Path envDirectory, Map<String, String> inherited) {
		out.println();
		out.println("Storefront is up. " + database + ".");
		for (ServiceSpec service : services) {
			out.printf("  %-16s %-24s API docs %s/docs%n", service.name(), service.baseUrl(), service.baseUrl());
		}
		console.ifPresent((url) -> out.printf("  %-16s %-24s status of them all%n", "console", url));
		out.printf("  %-16s %s / %s   (kept in %s)%n", "admin login", admin.email(), admin.password(), adminFile);
		out.printf("  %-16s %s   (%s)%n", "env files", envDirectory, CheckHint.of(envDirectory, 1, inherited));
		out.println("Press Ctrl-C to stop.");
		out.println();
	}

}
