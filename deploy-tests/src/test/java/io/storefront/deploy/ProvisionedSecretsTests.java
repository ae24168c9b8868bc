package io.storefront.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.fabric8.kubernetes.api.model.Secret;
import io.storefront.cli.provision.KubernetesSecrets;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Secrets {@code db provision --format kubernetes} writes are valid Secrets that the Deployments take DATABASE_URL from. */
class ProvisionedSecretsTests {

	static final List<String> overlays = Overlays.NAMES;

	@TempDir
	Path folder;

	@ParameterizedTest
	@FieldSource("overlays")
	void eachDeploymentFindsItsUrlInTheSecretProvisioningWrites(String overlay) throws IOException {
		KubernetesSecrets secrets = new KubernetesSecrets();
		for (ServicePod pod : ServicePod.of(Overlays.rendered(overlay))) {
			Path file = secrets.file(this.folder, pod.service());
			secrets.write(file, pod.service(), "postgresql://" + pod.service().defaultRole() + ":secret@db:5432/"
					+ pod.service().databaseName(), "now");

			Secret secret = RenderedOverlay.parse(file.toString(), Files.readString(file)).all(Secret.class).get(0);

			var reference = pod.secrets().get("DATABASE_URL");
			assertThat(secret.getMetadata().getName()).isEqualTo(reference.getName());
			assertThat(secret.getStringData()).containsOnlyKeys(reference.getKey());
		}
	}

}
