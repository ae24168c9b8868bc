package io.storefront.deploy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.storefront.deploy.ConnectionBudget.Rollout;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rollout's pods as Kubernetes counts them, from a Deployment's strategy and from a
 * Pooler's {@code deploymentStrategy} (plain JSON, numbers or percentages).
 */
class RolloutTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Test
	void noStrategyIsKubernetesDefaultOfAQuarterEitherWay() {
		assertThat(Rollout.of(json("{}"), 2)).isEqualTo(new Rollout(1, 0));
		assertThat(Rollout.of(json("{}"), 8)).isEqualTo(new Rollout(2, 2));
		assertThat(Rollout.of((DeploymentStrategy) null, 8)).isEqualTo(new Rollout(2, 2));
	}

	@Test
	void percentagesRoundTheSurgeUpAndTheUnavailablePodsDown() {
		Rollout rollout = Rollout.of(json("{\"rollingUpdate\": {\"maxSurge\": \"30%\", \"maxUnavailable\": \"30%\"}}"),
				5);

		assertThat(rollout).isEqualTo(new Rollout(2, 1));
		assertThat(rollout.terminating()).isEqualTo(3);
	}

	@Test
	void numbersAreTakenAsTheyAre() {
		assertThat(Rollout.of(json("{\"rollingUpdate\": {\"maxSurge\": 0, \"maxUnavailable\": 1}}"), 2))
			.isEqualTo(new Rollout(0, 1));
		assertThat(Rollout.of(new DeploymentStrategyBuilder().withType("RollingUpdate")
			.withNewRollingUpdate()
			.withMaxSurge(new IntOrString(1))
			.withMaxUnavailable(new IntOrString(0))
			.endRollingUpdate()
			.build(), 3)).isEqualTo(new Rollout(1, 0));
	}

	@Test
	void aRolloutThatWouldRoundToNothingStopsOnePodAtATime() {
		assertThat(Rollout.of(json("{\"rollingUpdate\": {\"maxSurge\": 0, \"maxUnavailable\": \"25%\"}}"), 2))
			.isEqualTo(new Rollout(0, 1));
	}

	@Test
	void recreateRunsNoOldPodBesideANewOne() {
		assertThat(Rollout.of(json("{\"type\": \"Recreate\"}"), 4)).isEqualTo(new Rollout(0, 0));
		assertThat(Rollout.of(new DeploymentStrategyBuilder().withType("Recreate").build(), 4))
			.isEqualTo(new Rollout(0, 0));
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
