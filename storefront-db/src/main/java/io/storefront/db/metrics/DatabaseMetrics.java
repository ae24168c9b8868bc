package io.storefront.db.metrics;

import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.storefront.db.health.ConnectivityProbe;
import io.storefront.db.health.OperationReport;
import io.storefront.db.health.OperationReport.ServerInfo;
import io.storefront.db.health.OperationReports;

/**
 * What the alerting rules need that the pool's own metrics do not say: whether the
 * database answers ({@code storefront_db_up}, the background probe of every second, on
 * its own connection so a saturated pool is not mistaken for a dead database), and the
 * server's connection budget ({@code storefront_db_server_connections} against
 * {@code storefront_db_server_max_connections} less
 * {@code storefront_db_server_reserved_connections}), the same numbers
 * {@code /health/detailed} reports.
 *
 * <p>
 * The server's numbers come from the detailed probe ({@link OperationReports}), run at
 * most once a second whoever asks; while the database is known to be down, or when the
 * probe could not read them, they are {@code NaN} rather than a made-up zero, so a budget
 * alert neither fires nor resolves on no data.
 */
public class DatabaseMetrics implements MeterBinder {

	private final ConnectivityProbe probe;

	private final OperationReports reports;

	public DatabaseMetrics(ConnectivityProbe probe, OperationReports reports) {
		this.probe = probe;
		this.reports = reports;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("storefront.db.up", this, DatabaseMetrics::up)
			.description(
					"1 while the service's database answers the background probe (every second), 0 while it does not")
			.register(registry);
		Gauge
			.builder("storefront.db.server.connections", this,
					(metrics) -> metrics.server(ServerInfo::serverConnections))
			.description("Client connections open on the database server, by every role and service")
			.register(registry);
		Gauge
			.builder("storefront.db.server.max.connections", this,
					(metrics) -> metrics.server(ServerInfo::maxConnections))
			.description("The database server's max_connections setting")
			.register(registry);
		Gauge
			.builder("storefront.db.server.reserved.connections", this,
					(metrics) -> metrics.server(ServerInfo::reservedConnections))
			.description(
					"Connections the database server keeps for superusers and reserved roles, out of max_connections")
			.register(registry);
	}

	private double up() {
		return this.probe.knownOutage().isEmpty() ? 1 : 0;
	}

	private double server(ToIntFunction<ServerInfo> fact) {
		if (this.probe.knownOutage().isPresent()) {
			return Double.NaN;
		}
		OperationReport report = this.reports.current();
		if (report.server().maxConnections() <= 0) {
			return Double.NaN;
		}
		return fact.applyAsInt(report.server());
	}

}
