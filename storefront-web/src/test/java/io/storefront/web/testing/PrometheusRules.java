package io.storefront.web.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@code deploy/prometheus} seen from a service: which of its metrics they
 * read, so a test can check that the running service really exports each one, and the
 * service's {@code /metrics} over HTTP.
 */
public final class PrometheusRules {

	/**
	 * A metric of the families the services export, standing alone in an expression: not
	 * part of a recorded series' name ({@code level:metric:operations}), and not a longer
	 * word.
	 */
	private static final Pattern METRIC = Pattern
		.compile("(?<![\\w:])(?:hikaricp|http_server|process|resilience4j|storefront)_[a-z0-9_]+(?![\\w:])");

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private PrometheusRules() {
	}

	/** The rule files, found from the module directory the tests run in. */
	static Path folder() {
		return Path.of("").toAbsolutePath().getParent().resolve("deploy").resolve("prometheus");
	}

	/** Every service metric the recording and alerting rules read. */
	public static Set<String> metricsRead() {
		Set<String> names = new TreeSet<>();
		try (Stream<Path> files = Files.list(folder())) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".yml")).toList()) {
				Files.readAllLines(file).stream().filter((line) -> !line.strip().startsWith("#")).forEach((line) -> {
					Matcher metric = METRIC.matcher(line);
					while (metric.find()) {
						names.add(metric.group());
					}
				});
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the rules in " + folder(), ex);
		}
		assertThat(names).as("metrics read by the rules in " + folder()).isNotEmpty();
		return names;
	}

	/**
	 * The metrics the rules read that every service exports: all but cart's circuit
	 * breaker.
	 */
	public static Set<String> metricsEveryServiceExports() {
		Set<String> names = metricsRead();
		names.removeIf((name) -> name.startsWith("resilience4j_"));
		return names;
	}

	/** The names of the series in a Prometheus text exposition. */
	public static Set<String> seriesNames(String exposition) {
		Set<String> names = new TreeSet<>();
		exposition.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.forEach((line) -> names.add(line.split("[{ ]", 2)[0]));
		return names;
	}

	/** {@code GET /metrics} on the service at {@code port}, as Prometheus scrapes it. */
	public static String scrape(int port) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("GET /metrics").isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
