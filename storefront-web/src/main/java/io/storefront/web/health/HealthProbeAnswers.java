package io.storefront.web.health;

import java.util.function.BooleanSupplier;

import tools.jackson.databind.json.JsonMapper;

import io.storefront.db.health.ConnectivityProbe;
import io.storefront.db.health.MigrationStatus;
import io.storefront.db.health.ProbeResult;
import io.storefront.web.health.HealthResponses.Basic;
import io.storefront.web.health.HealthResponses.Database;
import io.storefront.web.health.HealthResponses.Live;
import io.storefront.web.health.HealthResponses.Ready;

/**
 * The answers of {@code /health}, {@code /health/live} and {@code /health/ready}
 * (contract section 3) as status and JSON bytes. The healthy answers never change, so
 * they are serialised once; an unhealthy one carries its reason and is serialised when it
 * happens. A stopping service is not ready, whatever its database says: its readiness
 * answers {@code "status":"draining"}.
 */
final class HealthProbeAnswers {

	record Answer(int status, byte[] body) {
	}

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final int OK = 200;

	private static final int UNAVAILABLE = 503;

	private final ConnectivityProbe probe;

	private final MigrationStatus migrations;

	private final String service;

	private final String databaseName;

	private final String version;

	private final BooleanSupplier draining;

	private final Answer healthy;

	private final Answer ready;

	private final Answer live;

	HealthProbeAnswers(ConnectivityProbe probe, MigrationStatus migrations, String version, BooleanSupplier draining) {
		this.probe = probe;
		this.migrations = migrations;
		this.draining = draining;
		this.service = probe.service().name();
		this.databaseName = probe.settings().database();
		this.version = version;
		this.healthy = new Answer(OK, JSON.writeValueAsBytes(basic(ProbeResult.reachable(null))));
		this.ready = new Answer(OK, JSON.writeValueAsBytes(ready(ProbeResult.reachable(null), true)));
		this.live = new Answer(OK, JSON.writeValueAsBytes(new Live("alive", this.service)));
	}

	Answer health() {
		ProbeResult probe = this.probe.check();
		return probe.reachable() ? this.healthy : new Answer(UNAVAILABLE, JSON.writeValueAsBytes(basic(probe)));
	}

	Answer ready() {
		ProbeResult probe = this.probe.check();
		boolean migrated = this.migrations.isApplied();
		if (this.draining.getAsBoolean()) {
			return new Answer(UNAVAILABLE, JSON.writeValueAsBytes(
					new Ready("draining", this.service, database(probe), migrated ? "applied" : "pending")));
		}
		return (probe.reachable() && migrated) ? this.ready
				: new Answer(UNAVAILABLE, JSON.writeValueAsBytes(ready(probe, migrated)));
	}

	Answer live() {
		return this.live;
	}

	private Basic basic(ProbeResult probe) {
		return new Basic(probe.reachable() ? "healthy" : "unhealthy", this.service, this.version, database(probe));
	}

	private Ready ready(ProbeResult probe, boolean migrated) {
		boolean ready = probe.reachable() && migrated;
		return new Ready(ready ? "ready" : "not_ready", this.service, database(probe),
				migrated ? "applied" : "pending");
	}

	private Database database(ProbeResult probe) {
		return probe.reachable() ? new Database("connected", this.databaseName, null)
				: new Database("disconnected", this.databaseName, probe.error());
	}

}
