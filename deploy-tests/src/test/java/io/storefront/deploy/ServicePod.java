package io.storefront.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.StorefrontSettings;

/**
 * One service's Deployment as the service will see it: its container, and the environment
 * that container gets (plain values from ConfigMaps and {@code value}, Secret references
 * by name).
 *
 * @param plain variables with a value in the manifests
 * @param secrets variables taken from a Secret, with the Secret's name and key
 * @param problems what could not be resolved (a ConfigMap that is not rendered, an
 * unknown service)
 */
record ServicePod(ServiceIdentity service, Deployment deployment, Container container, Map<String, String> plain,
		Map<String, SecretKeySelector> secrets, List<String> problems) {

	static List<ServicePod> of(RenderedOverlay overlay) {
		return overlay.deployments().stream().map((deployment) -> of(overlay, deployment)).toList();
	}

	static ServicePod of(RenderedOverlay overlay, Deployment deployment) {
		String name = deployment.getMetadata().getName();
		ServiceIdentity service = KnownServices.byName(name)
			.orElseThrow(() -> new AssertionError("Deployment " + name + " is not one of the Storefront services"));
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		Container container = pod.getContainers()
			.stream()
			.filter((candidate) -> candidate.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Deployment " + name + " has no container named " + name));
		Map<String, String> plain = new LinkedHashMap<>();
		Map<String, SecretKeySelector> secrets = new LinkedHashMap<>();
		List<String> problems = new java.util.ArrayList<>();
		for (EnvFromSource source : container.getEnvFrom()) {
			if (source.getPrefix() != null && !source.getPrefix().isEmpty()) {
				problems.add(name + ": envFrom with a prefix (" + source.getPrefix() + ")");
			}
			if (source.getSecretRef() != null) {
				problems.add(name + ": envFrom a whole Secret (" + source.getSecretRef().getName()
						+ "): its variables cannot be checked; reference each key instead");
			}
			if (source.getConfigMapRef() != null) {
				Optional<ConfigMap> configMap = overlay.named(ConfigMap.class, source.getConfigMapRef().getName());
				if (configMap.isEmpty()) {
					problems.add(name + ": envFrom ConfigMap " + source.getConfigMapRef().getName()
							+ " is not in the manifests");
				}
				configMap.map(ConfigMap::getData).ifPresent(plain::putAll);
			}
		}
		for (EnvVar variable : container.getEnv()) {
			if (variable.getValueFrom() == null) {
				plain.put(variable.getName(), (variable.getValue() != null) ? variable.getValue() : "");
			}
			else if (variable.getValueFrom().getSecretKeyRef() != null) {
				plain.remove(variable.getName());
				secrets.put(variable.getName(), variable.getValueFrom().getSecretKeyRef());
			}
			else {
				problems.add(name + ": " + variable.getName() + " comes from neither a value nor a Secret key");
			}
		}
		return new ServicePod(service, deployment, container, Map.copyOf(plain), Map.copyOf(secrets),
				List.copyOf(problems));
	}

	String name() {
		return this.service.name();
	}

	PodSpec pod() {
		return this.deployment.getSpec().getTemplate().getSpec();
	}

	Map<String, String> labels() {
		return this.deployment.getSpec().getTemplate().getMetadata().getLabels();
	}

	/**
	 * The settings as the service's own reader takes them from the plain values (a
	 * Secret's are unknown here).
	 */
	StorefrontSettings settings() {
		return StorefrontSettings.read(this.service, this.plain::get);
	}

	/** {@code storefront.web.probe-port}, when the pod sets it. */
	Optional<Integer> probePort() {
		return Optional.ofNullable(this.plain.get(ServiceVariables.variable(ManifestChecks.PROBE_PORT)))
			.map(Integer::valueOf);
	}

	/** The HTTP port the service listens on: {@code PORT}, else its default. */
	int httpPort() {
		return settings().httpPort().orElse(this.service.defaultPort());
	}

}
