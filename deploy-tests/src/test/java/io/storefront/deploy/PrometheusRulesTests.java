package io.storefront.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.web.testing.Promtool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus rules of {@code deploy/prometheus} (docs/prometheus.md), checked as a
 * Prometheus user would before loading them: {@code promtool check rules} and
 * {@code promtool test rules}, the tests making every alert fire and then resolve, and
 * every alert's runbook a section of docs/troubleshooting.md.
 */
class PrometheusRulesTests {

	private static final YAMLMapper yaml = new YAMLMapper();

	private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

	private static final Pattern JOB_MATCHER = Pattern.compile("job\\s*=~?\\s*\"([^\"]*)\"");

	@Test
	void promtoolAcceptsEveryRuleFile() {
		List<Path> ruleFiles = files(folder());
		assertThat(ruleFiles).extracting((file) -> file.getFileName().toString())
			.contains("recording-rules.yml", "alerting-rules.yml");
		for (Path file : ruleFiles) {
			Promtool.Outcome outcome = Promtool.run(null, "check", "rules", file.toString());
			assertThat(outcome.passed()).as("promtool check rules %s:%n%s", file, outcome.output()).isTrue();
		}
	}

	@Test
	void promtoolsRuleTestsPass() {
		List<Path> tests = files(folder().resolve("tests"));
		assertThat(tests).isNotEmpty();
		for (Path test : tests) {
			Promtool.Outcome outcome = Promtool.run(null, "test", "rules", test.toString());
			assertThat(outcome.passed()).as("promtool test rules %s:%n%s", test, outcome.output()).isTrue();
		}
	}

	@Test
	void theRuleTestsMakeEveryAlertFireAndThenResolve() {
		Set<String> fired = new TreeSet<>();
		Set<String> resolved = new TreeSet<>();
		for (Path test : files(folder().resolve("tests"))) {
			for (JsonNode group : read(test).path("tests")) {
				List<JsonNode> checks = new ArrayList<>();
				group.path("alert_rule_test").forEach(checks::add);
				for (JsonNode firing : checks) {
					if (firing.path("exp_alerts").isEmpty()) {
						continue;
					}
					String alert = firing.path("alertname").asString();
					fired.add(alert);
					Duration firedAt = duration(firing.path("eval_time").asString());
					if (checks.stream()
						.anyMatch((later) -> later.path("alertname").asString().equals(alert)
								&& later.path("exp_alerts").isEmpty()
								&& duration(later.path("eval_time").asString()).compareTo(firedAt) > 0)) {
						resolved.add(alert);
					}
				}
			}
		}
		Set<String> alerts = alertNames();
		assertThat(alerts).isNotEmpty();
		assertThat(fired).as("alerts some test makes fire").containsAll(alerts);
		assertThat(resolved).as("alerts some test sees resolve after firing").containsAll(alerts);
	}

	/**
	 * An alert lists the scrape jobs it watches by name, so a service added to
	 * {@link KnownServices} but not to an alert would simply never be alerted on.
	 */
	@Test
	void everyAlertThatNamesJobsNamesEveryService() {
		List<String> services = KnownServices.ALL.stream().map(ServiceIdentity::name).toList();
		List<String> checked = new ArrayList<>();
		for (JsonNode rule : alertingRules()) {
			Set<String> jobs = jobsNamed(rule.path("expr").asString());
			if (!jobs.isEmpty()) {
				assertThat(jobs).as("jobs of %s", rule.path("alert").asString()).containsAll(services);
				checked.add(rule.path("alert").asString());
			}
		}
		assertThat(checked).contains("StorefrontServiceDown", "StorefrontServiceAbsent");
	}

	static Set<String> jobsNamed(String expression) {
		Set<String> jobs = new TreeSet<>();
		Matcher matcher = JOB_MATCHER.matcher(expression);
		while (matcher.find()) {
			jobs.addAll(List.of(matcher.group(1).split("\\|")));
		}
		return jobs;
	}

	@Test
	void everyAlertsRunbookIsASectionOfTheTroubleshootingPage() throws IOException {
		Path page = Repository.root().resolve("docs/troubleshooting.md");
		Set<String> anchors = new TreeSet<>();
		for (String line : Files.readAllLines(page)) {
			if (line.startsWith("#")) {
				anchors.add(anchor(line.replaceFirst("^#+\\s*", "")));
			}
		}
		for (JsonNode rule : alertingRules()) {
			String runbook = rule.path("annotations").path("runbook").asString("");
			assertThat(runbook).as("runbook of %s", rule.path("alert").asString())
				.startsWith("docs/troubleshooting.md#");
			assertThat(anchors).as("sections of %s", page).contains(runbook.substring(runbook.indexOf('#') + 1));
		}
	}

	/**
	 * GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.
	 */
	static String anchor(String heading) {
		return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	private static Set<String> alertNames() {
		Set<String> names = new TreeSet<>();
		alertingRules().forEach((rule) -> names.add(rule.path("alert").asString()));
		return names;
	}

	private static List<JsonNode> alertingRules() {
		List<JsonNode> rules = new ArrayList<>();
		for (Path file : files(folder())) {
			for (JsonNode group : read(file).path("groups")) {
				group.path("rules").forEach((rule) -> {
					if (rule.has("alert")) {
						rules.add(rule);
					}
				});
			}
		}
		return rules;
	}

	/** A Prometheus duration such as {@code 90s} or {@code 1m30s}. */
	static Duration duration(String text) {
		Matcher part = DURATION_PART.matcher(text);
		Duration total = Duration.ZERO;
		int end = 0;
		while (part.find() && part.start() == end) {
			long amount = Long.parseLong(part.group(1));
			total = total.plus(switch (part.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			});
			end = part.end();
		}
		assertThat(end).as("a Prometheus duration: \"%s\"", text).isEqualTo(text.length()).isPositive();
		return total;
	}

	private static Path folder() {
		return Repository.root().resolve("deploy/prometheus");
	}

	private static List<Path> files(Path folder) {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.toString().endsWith(".yml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode read(Path file) {
		return yaml.readTree(file.toFile());
	}

}
