package io.storefront.launcher.replicas;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.storefront.db.config.KnownServices;
import io.storefront.launcher.UpOptions;
import io.storefront.launcher.services.ListenAddress;
import io.storefront.launcher.services.ServiceSpec;
import io.storefront.launcher.state.StateLayout;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaSpecsTests {

	private static final String DIRECT = "postgresql://cart_svc:p%40ss@localhost:54329/cart_db";

	private final StateLayout state = new StateLayout(Path.of("/tmp/state"));

	@Test
	void eachReplicaHasItsPortAndLogAndGoesThroughPgbouncerButMigratesDirectly() {
		UpOptions options = twoReplicas(9000, 7432);

		List<ServiceSpec> replicas = ReplicaSpecs.of(List.of(cart()), options, Map.of(), this.state);

		assertThat(replicas).extracting(ServiceSpec::label).containsExactly("cart-service#1", "cart-service#2");
		assertThat(replicas).extracting(ServiceSpec::log)
			.containsExactly(Path.of("/tmp/state/logs/cart-service-1.log"),
					Path.of("/tmp/state/logs/cart-service-2.log"));
		ServiceSpec second = replicas.get(1);
		// cart is the first service given here, so its replicas take the first service's
		// ports
		assertThat(second.port()).isEqualTo(9012);
		assertThat(second.environment()).containsEntry("PORT", "9012")
			.containsEntry("DATABASE_URL", "postgresql://cart_svc:p%40ss@127.0.0.1:7432/cart_db")
			.containsEntry("DATABASE_MIGRATION_URL", DIRECT)
			.containsEntry("DATABASE_POOLER", "pgbouncer")
			.containsEntry("STOREFRONT_SHUTDOWN_DRAIN_PERIOD", "3000ms")
			.containsEntry("PRODUCT_SERVICE_URL", "http://127.0.0.1:9002");
	}

	@Test
	void aDrainPeriodTheDeveloperSetIsKept() {
		UpOptions options = twoReplicas(UpOptions.DEFAULT_BASE_PORT, UpOptions.DEFAULT_PGBOUNCER_PORT);
		Map<String, String> inherited = Map.of("STOREFRONT_SHUTDOWN_DRAIN_PERIOD", "10s");
		ServiceSpec cart = cart();
		Map<String, String> environment = new java.util.HashMap<>(cart.environment());
		environment.put("STOREFRONT_SHUTDOWN_DRAIN_PERIOD", "10s");

		List<ServiceSpec> replicas = ReplicaSpecs.of(List.of(cart.asReplica(0, cart.port(), environment, cart.log())),
				options, inherited, this.state);

		assertThat(replicas.get(0).environment()).containsEntry("STOREFRONT_SHUTDOWN_DRAIN_PERIOD", "10s");
	}

	@Test
	void driverParametersStayOnTheUrlThroughPgbouncer() {
		assertThat(ReplicaSpecs.throughPgBouncer(DIRECT + "?ApplicationName=cart%20a", 6543))
			.isEqualTo("postgresql://cart_svc:p%40ss@127.0.0.1:6543/cart_db?ApplicationName=cart%20a");
	}

	private static ServiceSpec cart() {
		return new ServiceSpec(KnownServices.CART, Path.of("/x/cart-service.jar"), List.of("-Xmx256m"), 9003,
				Map.of("PORT", "9003", "DATABASE_URL", DIRECT, "PRODUCT_SERVICE_URL", "http://127.0.0.1:9002",
						"STOREFRONT_SHUTDOWN_DRAIN_PERIOD", "0s"),
				Path.of("/tmp/state/logs/cart-service.log"));
	}

	private static UpOptions twoReplicas(int basePort, int pgbouncerPort) {
		return new UpOptions(Optional.empty(), UpOptions.DEFAULT_POSTGRES_PORT, basePort, Path.of("/tmp/state"),
				Duration.ofSeconds(UpOptions.DEFAULT_START_TIMEOUT), false, ListenAddress.LOOPBACK, 2, pgbouncerPort,
				OptionalInt.empty());
	}

}
