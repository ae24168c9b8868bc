package io.storefront.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Services Prometheus scrapes, as the ServiceMonitor of docs/prometheus.md selects
 * them: exactly one for each service's pods. A second one (auth-jwks, which leads to
 * auth's pods, unready ones included) would make every replica two targets, its series
 * and per-instance alerts twice; none would leave the service unwatched.
 */
final class ScrapeTargets {

	static final Path DOCUMENTED = Path.of("docs/prometheus.md");

	/** The port the documented ServiceMonitor's endpoint names. */
	static final String SCRAPED_PORT = "http";

	private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

	private ScrapeTargets() {
	}

	static List<String> check(RenderedOverlay overlay) {
		return check(overlay, documentedSelector());
	}

	static List<String> check(RenderedOverlay overlay, JsonNode selector) {
		List<String> problems = new ArrayList<>();
		for (Deployment deployment : overlay.deployments()) {
			Map<String, String> pods = deployment.getSpec().getTemplate().getMetadata().getLabels();
			List<String> scraped = overlay.services()
				.stream()
				.filter((service) -> selects(selector, service.getMetadata().getLabels()))
				.filter((service) -> ManifestChecks.selects(service.getSpec().getSelector(), pods))
				.map((service) -> service.getMetadata().getName())
				.sorted()
				.toList();
			overlay.services()
				.stream()
				.filter((service) -> scraped.contains(service.getMetadata().getName()))
				.filter((service) -> service.getSpec()
					.getPorts()
					.stream()
					.noneMatch((port) -> SCRAPED_PORT.equals(port.getName())))
				.forEach((service) -> problems.add("Service " + service.getMetadata().getName() + " has no port named "
						+ SCRAPED_PORT + ", the one the ServiceMonitor of " + DOCUMENTED
						+ " scrapes: Prometheus would see no target"));
			if (scraped.size() != 1) {
				problems.add("Deployment " + deployment.getMetadata().getName() + ": its pods are behind "
						+ scraped.size() + " Services the ServiceMonitor of " + DOCUMENTED + " selects " + scraped
						+ ", not one: " + (scraped.isEmpty() ? "Prometheus would not see them"
								: "each replica would be scraped as " + scraped.size() + " targets"));
			}
		}
		return problems;
	}

	/** {@code spec.selector} of the ServiceMonitor the page shows. */
	static JsonNode documentedSelector() {
		String page;
		try {
			page = Files.readString(Repository.root().resolve(DOCUMENTED));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Matcher block = YAML_BLOCK.matcher(page);
		while (block.find()) {
			JsonNode document = new YAMLMapper().readTree(block.group(1));
			if ("ServiceMonitor".equals(document.path("kind").asString(""))) {
				return document.path("spec").path("selector");
			}
		}
		throw new IllegalStateException(DOCUMENTED + " shows no ServiceMonitor");
	}

	/** A label selector's verdict: its labels all match, and so do its expressions. */
	static boolean selects(JsonNode selector, Map<String, String> labels) {
		Map<String, String> present = (labels != null) ? labels : Map.of();
		boolean matchLabels = selector.path("matchLabels")
			.properties()
			.stream()
			.allMatch((entry) -> entry.getValue().asString().equals(present.get(entry.getKey())));
		return matchLabels && StreamSupport.stream(selector.path("matchExpressions").spliterator(), false)
			.allMatch((expression) -> matches(expression, present));
	}

	private static boolean matches(JsonNode expression, Map<String, String> labels) {
		String key = expression.path("key").asString();
		List<String> values = StreamSupport.stream(expression.path("values").spliterator(), false)
			.map(JsonNode::asString)
			.toList();
		return switch (expression.path("operator").asString()) {
			case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
			case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
			case "Exists" -> labels.containsKey(key);
			case "DoesNotExist" -> !labels.containsKey(key);
			default -> throw new IllegalArgumentException("unknown selector operator in " + expression);
		};
	}

}
