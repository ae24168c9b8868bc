package io.storefront.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What {@code kubectl kustomize} renders from one kustomization, every object validated
 * against its schema: the Kubernetes kinds as fabric8 API types, the CloudNativePG kinds
 * as checked trees.
 */
record RenderedOverlay(String name, List<HasMetadata> objects, List<JsonNode> customResources) {

	private static final YAMLMapper YAML = new YAMLMapper();

	private static final JsonMapper JSON = new JsonMapper();

	static RenderedOverlay render(Path kustomization) {
		return parse(kustomization.getFileName().toString(), Kustomize.render(kustomization));
	}

	static RenderedOverlay parse(String name, String yaml) {
		List<HasMetadata> objects = new ArrayList<>();
		List<JsonNode> customResources = new ArrayList<>();
		for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
			if (document.isNull() || document.isMissingNode() || document.isEmpty()) {
				continue;
			}
			String apiVersion = document.path("apiVersion").asString();
			String kind = document.path("kind").asString();
			if (CrdSchemas.knows(apiVersion, kind)) {
				CrdSchemas.validate(document);
				customResources.add(document);
			}
			else {
				objects.add(KubernetesSchema.read(apiVersion, kind, JSON.writeValueAsString(document)));
			}
		}
		return new RenderedOverlay(name, List.copyOf(objects), List.copyOf(customResources));
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
		return all(type).stream().filter((object) -> object.getMetadata().getName().equals(name)).findFirst();
	}

	List<Deployment> deployments() {
		return all(Deployment.class);
	}

	List<Service> services() {
		return all(Service.class);
	}

	List<ConfigMap> configMaps() {
		return all(ConfigMap.class);
	}

	List<HorizontalPodAutoscaler> autoscalers() {
		return all(HorizontalPodAutoscaler.class);
	}

	List<PodDisruptionBudget> disruptionBudgets() {
		return all(PodDisruptionBudget.class);
	}

	List<NetworkPolicy> networkPolicies() {
		return all(NetworkPolicy.class);
	}

	List<JsonNode> custom(String kind) {
		return this.customResources.stream().filter((object) -> kind.equals(object.path("kind").asString())).toList();
	}

}
