package io.storefront.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every overlay renders, every object matches its schema, and every promise of the
 * manifests holds.
 */
class OverlaysTests {

	static final List<String> overlays = Overlays.NAMES;

	/** A digest as a registry gives it (any 64 hex digits do for rendering). */
	static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

	@ParameterizedTest
	@FieldSource("overlays")
	void rendersEveryServiceWithItsObjectsAndDatabase(String overlay) {
		RenderedOverlay rendered = Overlays.rendered(overlay);
		int services = KnownServices.ALL.size();

		assertThat(rendered.deployments()).extracting((deployment) -> deployment.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(KnownServices.ALL.stream().map(ServiceIdentity::name).toList());
		// one Service per service, and auth's second one that leads to unready pods too
		// (JWKS)
		assertThat(rendered.services()).extracting((service) -> service.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(
					Stream.concat(KnownServices.ALL.stream().map(ServiceIdentity::name), Stream.of("auth-jwks"))
						.toList());
		assertThat(rendered.configMaps()).hasSize(services);
		assertThat(rendered.autoscalers()).hasSize(services);
		assertThat(rendered.disruptionBudgets()).hasSize(services + rendered.custom("Pooler").size());
		assertThat(rendered.custom("Cluster")).hasSize(1);
		assertThat(rendered.all(Namespace.class)).singleElement()
			.satisfies((namespace) -> assertThat(namespace.getMetadata().getLabels())
				.containsEntry("pod-security.kubernetes.io/enforce", "restricted")
				.containsEntry("pod-security.kubernetes.io/warn", "restricted"));
		assertThat(rendered.objects()).allSatisfy((object) -> assertThat(object.getMetadata().getNamespace()).isIn(null,
				rendered.all(Namespace.class).get(0).getMetadata().getName()));
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void prodPutsAPgBouncerInFrontOfEachService(String overlay) {
		RenderedOverlay rendered = Overlays.rendered(overlay);

		for (Deployment deployment : rendered.deployments()) {
			assertThat(ConnectionBudget.pooler(rendered, deployment.getMetadata().getName()))
				.as(deployment.getMetadata().getName())
				.matches((pooler) -> pooler.isPresent() == overlay.equals("prod"));
		}
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void eachPoolerRunsInTheModeItsServiceExpects(String overlay) {
		assertThat(ManifestChecks.poolers(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyPoolerParameterIsOneCloudNativePgAccepts(String overlay) {
		assertThat(PoolerParameters.check(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyPostgresParameterIsOnePostgresKnowsAndCloudNativePgLeavesToUs(String overlay) {
		assertThat(PostgresParameters.check(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void probesAskWhatTheServicesServeWithinTheStartupAllowance(String overlay) {
		assertThat(ManifestChecks.probes(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void terminationLeavesTimeForTheGracefulShutdown(String overlay) {
		assertThat(ManifestChecks.termination(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyVariableIsOneTheServiceReadsWithAValueItAccepts(String overlay) {
		assertThat(ManifestChecks.variables(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyServiceTakesItsHealthDetailsTokenFromASecretItCannotStartWithout(String overlay) {
		assertThat(ManifestChecks.healthDetails(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void authTakesItsAdministratorFromAnOptionalSecret(String overlay) {
		assertThat(ManifestChecks.adminAccount(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void serviceUrlsLeadToTheServicesTheyName(String overlay) {
		assertThat(ManifestChecks.wiring(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void theMostReplicasFitTheDatabasesConnections(String overlay) {
		assertThat(ManifestChecks.budget(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void selectorsMatchTheirPods(String overlay) {
		assertThat(ManifestChecks.selectors(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void unreadyPodsCanBeEvictedDuringADatabaseOutage(String overlay) {
		assertThat(ManifestChecks.disruption(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void theDocumentedServiceMonitorScrapesEachServiceOnce(String overlay) {
		assertThat(ScrapeTargets.check(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void theSuperuserHasNoPasswordLogin(String overlay) {
		assertThat(ManifestChecks.superuserAccess(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void aNodeDrainLeavesEveryPoolerAnInstance(String overlay) {
		assertThat(ManifestChecks.poolerAvailability(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void aNodeLossLeavesEveryServiceAPod(String overlay) {
		assertThat(ManifestChecks.serviceAvailability(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void aNodeDrainLeavesEveryServiceAPodWhereItLeavesTheDatabaseOne(String overlay) {
		assertThat(ManifestChecks.serviceRedundancy(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void imagesCarryAFixedTag(String overlay) {
		assertThat(ManifestChecks.images(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyContainerIsHardened(String overlay) {
		assertThat(ManifestChecks.security(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void theHeapFitsWellInsideTheMemoryLimit(String overlay) {
		assertThat(ManifestChecks.resources(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void eachServiceReachesOnlyWhatItCalls(String overlay) {
		assertThat(NetworkChecks.egress(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void eachServiceAdmitsWhatCallsIt(String overlay) {
		assertThat(NetworkChecks.callers(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void everyStorefrontPodIsDeniedWhatNoPolicyAllows(String overlay) {
		assertThat(NetworkChecks.defaultDeny(Overlays.rendered(overlay))).isEmpty();
	}

	@ParameterizedTest
	@FieldSource("overlays")
	void theDatabaseAdmitsOnlyWhatMustReachIt(String overlay) {
		assertThat(NetworkChecks.databaseIngress(Overlays.rendered(overlay))).isEmpty();
	}

	/**
	 * docs/kubernetes.md moves the images to another registry with an {@code images:}
	 * entry per service in the overlay, which kubectl's own kustomize applies (no
	 * standalone kustomize needed): the images are renamed and every image check still
	 * holds.
	 */
	@Test
	void anImagesEntryInTheOverlayMovesTheImagesToAnotherRegistry(@TempDir Path copy) throws IOException {
		RenderedOverlay rendered = prodWithImagesEntries(copy, "newTag: \"" + Repository.version() + "\"");

		assertThat(rendered.deployments())
			.allSatisfy((deployment) -> assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
				.singleElement()
				.satisfies((container) -> assertThat(container.getImage()).isEqualTo("registry.example.com/storefront/"
						+ deployment.getMetadata().getName() + ":" + Repository.version())));
		assertThat(ManifestChecks.images(rendered)).isEmpty();
	}

	/**
	 * docs/kubernetes.md pins a rebuilt image by digest with an {@code images:} entry's
	 * {@code digest:} field, which renders {@code name@sha256:…} without a tag: the image
	 * checks accept it.
	 */
	@Test
	void aDigestInTheImagesEntryPinsTheImages(@TempDir Path copy) throws IOException {
		RenderedOverlay rendered = prodWithImagesEntries(copy, "digest: " + DIGEST);

		assertThat(rendered.deployments()).allSatisfy(
				(deployment) -> assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).singleElement()
					.satisfies((container) -> assertThat(container.getImage()).isEqualTo(
							"registry.example.com/storefront/" + deployment.getMetadata().getName() + "@" + DIGEST)));
		assertThat(ManifestChecks.images(rendered)).isEmpty();
	}

	/**
	 * The prod overlay, copied, with an {@code images:} entry per service that moves it
	 * to registry.example.com and pins it as {@code pin} says ({@code newTag: …} or
	 * {@code digest: …}).
	 */
	private static RenderedOverlay prodWithImagesEntries(Path copy, String pin) throws IOException {
		FileSystemUtils.copyRecursively(Repository.kubernetes(), copy);
		Path kustomization = copy.resolve("overlays/prod/kustomization.yaml");
		StringBuilder images = new StringBuilder("images:\n");
		for (ServiceIdentity service : KnownServices.ALL) {
			images.append("  - name: localhost/storefront/" + service.name() + "\n")
				.append("    newName: registry.example.com/storefront/" + service.name() + "\n")
				.append("    " + pin + "\n");
		}
		Files.writeString(kustomization, Files.readString(kustomization) + images);
		return RenderedOverlay.render(Overlays.overlayPath(copy, "prod"));
	}

}
