package io.storefront.web.text;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.storefront.web.text.DisplayTextCorpus.Sample;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The patterns of {@link DisplayText} as the API descriptions publish them
 * ({@code docs/api/*.json}), run by node on {@link DisplayTextCorpus}: with the {@code u}
 * flag and without it, each must give every sample the verdict Java gives. Skipped where
 * node is not installed (CI has it: {@code .ci/run} runs npx).
 */
class DisplayTextInEcmaScriptTests {

	private static final ObjectMapper json = new ObjectMapper();

	@Test
	void givesEachSampleJavasVerdictWithAndWithoutTheUnicodeFlag() throws Exception {
		assumeTrue(nodeIsInstalled(), "node is not on the PATH: the published patterns are not checked in ECMAScript");
		Map<String, String> patterns = publishedPatterns();
		List<Sample> samples = DisplayTextCorpus.SAMPLES;

		JsonNode verdicts = runNode(patterns, samples);

		SoftAssertions softly = new SoftAssertions();
		for (String rule : patterns.keySet()) {
			for (String flags : List.of("", "u")) {
				for (int i = 0; i < samples.size(); i++) {
					softly.assertThat(verdicts.get(rule).get(flags).get(i).asBoolean())
						.as("%s with flags '%s' on %s", rule, flags, samples.get(i))
						.isEqualTo(samples.get(i).verdict(rule));
				}
			}
		}
		softly.assertAll();
	}

	/**
	 * Each rule's pattern, found among the published ones: every rule must be published,
	 * as the code has it.
	 */
	private static Map<String, String> publishedPatterns() throws IOException {
		TreeSet<String> published = new TreeSet<>();
		try (Stream<Path> files = Files.list(Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("api"))) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".json")).toList()) {
				json.readTree(file.toFile())
					.findValues("pattern")
					.forEach((pattern) -> published.add(pattern.asText()));
			}
		}
		Map<String, String> patterns = new LinkedHashMap<>();
		for (String rule : DisplayTextCorpus.RULES) {
			String pattern = DisplayTextCorpus.pattern(rule);
			assertThat(published).as("docs/api/*.json publish DisplayText.%s as the code has it", rule)
				.contains(pattern);
			patterns.put(rule, pattern);
		}
		return patterns;
	}

	private static JsonNode runNode(Map<String, String> patterns, List<Sample> samples) throws Exception {
		List<List<Integer>> texts = new ArrayList<>();
		for (Sample sample : samples) {
			texts.add(sample.text().chars().boxed().toList());
		}
		Process node = new ProcessBuilder("node", script().toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		node.getOutputStream().write(json.writeValueAsBytes(Map.of("patterns", patterns, "texts", texts)));
		node.getOutputStream().close();
		String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(node.exitValue()).as("node's exit status").isZero();
		return json.readTree(output);
	}

	private static Path script() throws URISyntaxException {
		return Path.of(DisplayTextInEcmaScriptTests.class.getResource("display-text-verdicts.js").toURI());
	}

	private static boolean nodeIsInstalled() {
		try {
			return new ProcessBuilder("node", "--version").start().waitFor() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

}
