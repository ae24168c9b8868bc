package io.storefront.deploy;

import java.util.Map;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The Kubernetes API's own types (fabric8's kubernetes-model, generated from the API's
 * OpenAPI description), read strictly: a field the kind does not have, or a value of the
 * wrong type, fails. fabric8 collects unknown fields in {@code additionalProperties} so
 * that a client keeps what a newer server sends; here that collector is removed, so
 * Jackson refuses them instead.
 */
final class KubernetesSchema {

	/** The kinds the manifests may contain, by {@code apiVersion/kind}. */
	static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("v1/Namespace", Namespace.class,
			"v1/ConfigMap", ConfigMap.class, "v1/Secret", Secret.class, "v1/Service", Service.class,
			"apps/v1/Deployment", Deployment.class, "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
			"autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
			"networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

	private static final ObjectMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.addModule(new SimpleModule("strict-kubernetes-model").setDeserializerModifier(new NoUnknownFields()))
		.build();

	private KubernetesSchema() {
	}

	static boolean knows(String apiVersion, String kind) {
		return KINDS.containsKey(apiVersion + "/" + kind);
	}

	/** Reads one object (as JSON) as its kind's API type. */
	static HasMetadata read(String apiVersion, String kind, String json) {
		Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
		if (type == null) {
			throw new SchemaViolation(apiVersion + " " + kind + " is not a kind these manifests may use");
		}
		try {
			return STRICT.readValue(json, type);
		}
		catch (com.fasterxml.jackson.core.JacksonException ex) {
			throw new SchemaViolation(kind + " does not match the Kubernetes API schema of " + apiVersion + " " + kind
					+ ": " + ex.getOriginalMessage() + " at " + path(ex), ex);
		}
	}

	private static String path(com.fasterxml.jackson.core.JacksonException ex) {
		if (ex instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
			return mapping.getPath()
				.stream()
				.map((reference) -> (reference.getFieldName() != null) ? "." + reference.getFieldName()
						: "[" + reference.getIndex() + "]")
				.reduce("", String::concat);
		}
		return "?";
	}

	private static final class NoUnknownFields extends BeanDeserializerModifier {

		@Override
		public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
				BeanDeserializerBuilder builder) {
			builder.setAnySetter(null);
			builder.setIgnoreUnknownProperties(false);
			return builder;
		}

	}

}
