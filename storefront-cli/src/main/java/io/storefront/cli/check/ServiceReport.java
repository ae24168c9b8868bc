package io.storefront.cli.check;

import java.util.List;

/**
 * Everything checked for one service. {@code isolation} is {@code null} when the service
 * could not connect at all (there is nothing to prove then); {@code http} is {@code null}
 * without {@code --http}.
 *
 * @param target {@code user@host:port/database}, without the password
 * @param pooler {@code DATABASE_POOLER}: {@code none} or {@code pgbouncer} (then
 * {@code target} is PgBouncer)
 * @param warnings settings that do not stop the service but deserve a look
 */
public record ServiceReport(String service, String envFile, boolean ok, String target, String pooler,
		List<String> warnings, ConnectionReport connection, IsolationReport isolation, HttpReport http) {

	public ServiceReport {
		warnings = List.copyOf(warnings);
	}

	/**
	 * Something answered this service's checks and said no (or its settings are wrong).
	 */
	boolean failedWithAnAnswer() {
		boolean connectionSaidNo = !this.connection.ok() && !this.connection.unreachable();
		boolean isolationSaidNo = this.isolation != null && !this.isolation.ok();
		boolean httpSaidNo = this.http != null && (answeredNo(this.http.health()) || answeredNo(this.http.detailed()));
		return connectionSaidNo || isolationSaidNo || httpSaidNo;
	}

	/** Something this service's checks needed did not answer. */
	boolean failedUnanswered() {
		boolean httpUnanswered = this.http != null
				&& (unanswered(this.http.health()) || unanswered(this.http.detailed()));
		return this.connection.unreachable() || httpUnanswered;
	}

	private static boolean answeredNo(HttpReport.Endpoint endpoint) {
		return !endpoint.ok() && endpoint.status() != null;
	}

	private static boolean unanswered(HttpReport.Endpoint endpoint) {
		return !endpoint.ok() && endpoint.status() == null;
	}

	static ServiceReport of(ServiceTarget target, ConnectionReport connection, IsolationReport isolation,
			HttpReport http) {
		boolean ok = connection.ok() && isolation != null && isolation.ok() && (http == null || http.ok());
		return new ServiceReport(target.service().name(), target.envFile().toString(), ok,
				target.configured() ? target.settings().database().describe() : null,
				target.configured() ? target.settings().database().pooler().value() : null,
				target.configured() ? target.settings().warnings() : List.of(), connection, isolation, http);
	}

}
