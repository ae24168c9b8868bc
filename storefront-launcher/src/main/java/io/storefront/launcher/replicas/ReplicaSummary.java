package io.storefront.launcher.replicas;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.storefront.launcher.services.CheckHint;
import io.storefront.launcher.services.ServiceSpec;
import io.storefront.launcher.state.AdminLogin;
import io.storefront.launcher.state.StateLayout;

/**
 * What {@code up --replicas N} prints once everything is ready: the balancer's URLs, each
 * replica's, the pooler.
 */
final class ReplicaSummary {

	private ReplicaSummary() {
	}

	static void print(PrintStream out, String database, PgBouncer pgbouncer, List<ServiceSpec> services,
			List<ServiceSpec> replicas, Optional<String> console, AdminLogin admin, StateLayout state,
			Map<String, String> inherited) {
		out.println();
		out.println("Storefront is up. " + database + ".");
		out.printf(
				"  %-16s 127.0.0.1:%d, transaction mode, %d server connections per database, %d clients at most"
						+ " (log %s)%n",
				"PgBouncer", pgbouncer.port(), pgbouncer.sizing().poolSize(), pgbouncer.sizing().maxClientConn(),
				state.logsDirectory().resolve("pgbouncer.log"));
		for (ServiceSpec service : services) {
			out.printf("  %-16s %-24s HAProxy; API docs %s/docs%n", service.name(), service.baseUrl(),
					service.baseUrl());
			for (ServiceSpec replica : replicas) {
				if (replica.service().equals(service.service())) {
					out.printf("    %-14s %-24s log %s%n", "replica " + replica.replica(), replica.baseUrl(),
							replica.log());
				}
			}
		}
		console.ifPresent((url) -> out.printf("  %-16s %-24s status of every replica%n", "console", url));
		out.printf("  %-16s %s / %s   (kept in %s)%n", "admin login", admin.email(), admin.password(),
				state.adminEnv());
		out.printf("  %-16s %s   (%s)%n", "env files", state.replicaEnvDirectory(),
				CheckHint.of(state.replicaEnvDirectory(), replicas.size() / services.size(), inherited));
		out.printf(
				"  %-16s checks /health/ready every %d ms; a replica leaves rotation after %d failed checks"
						+ " (log %s)%n",
				"HAProxy", Haproxy.CHECK_INTERVAL.toMillis(), Haproxy.FALL,
				state.logsDirectory().resolve("haproxy.log"));
		out.println("Press Ctrl-C to stop.");
		out.println();
	}

}
