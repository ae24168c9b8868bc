package io.storefront.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.storefront.cli.provision.KubernetesSecrets;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Secrets {@code db provision --format kubernetes} writes are valid Secrets that hold
 * exactly the keys the Deployments take from them: DATABASE_URL, and behind a Pooler
 * (prod, provisioned with {@code --migration-host}) DATABASE_MIGRATION_URL. The one other
 * Secret key a Deployment may take is HEALTH_DETAILS_TOKEN, from the Secret the operator
 * creates (docs/kubernetes.md, "The health details token").
 */
class ProvisionedSecretsTests {

	static final List<String> overlays = Overlays.NAMES;

	@TempDir
	Path folder;

	@ParameterizedTest
	@FieldSource("overlays")
	void eachDeploymentFindsEveryKeyItTakesInTheSecretProvisioningWrites(String overlay) throws IOException {
		RenderedOverlay rendered = Overlays.rendered(overlay);
		KubernetesSecrets secrets = new KubernetesSecrets();
		for (ServicePod pod : ServicePod.of(rendered)) {
			Path file = secrets.file(this.folder, pod.service());
			String login = pod.service().defaultRole() + ":secret@";
			String database = "/" + pod.service().databaseName();
			Map<String, String> urls = new LinkedHashMap<>();
			urls.put("DATABASE_URL", "postgresql://" + login + "pooler:5432" + database);
			if (ConnectionBudget.pooler(rendered, pod.name()).isPresent()) {
				urls.put("DATABASE_MIGRATION_URL", "postgresql://" + login + "storefront-pg-rw:5432" + database);
			}
			secrets.write(file, pod.service(), urls, "now");

			Secret secret = RenderedOverlay.parse(file.toString(), Files.readString(file)).all(Secret.class).get(0);

			Map<String, SecretKeySelector> provisioned = new LinkedHashMap<>(pod.secrets());
			// the Secrets the operator creates by hand (docs/kubernetes.md)
			provisioned.values()
				.removeIf((reference) -> Set.of(ManifestChecks.HEALTH_DETAILS_SECRET, ManifestChecks.ADMIN_SECRET)
					.contains(reference.getName()));
			assertThat(provisioned).as(pod.name()).isNotEmpty().allSatisfy((variable, reference) -> {
				assertThat(reference.getName()).isEqualTo(secret.getMetadata().getName());
				assertThat(reference.getKey()).isEqualTo(variable);
			});
			assertThat(secret.getData()).as(pod.name()).containsOnlyKeys(provisioned.keySet());
		}
	}

}
