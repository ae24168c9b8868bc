package io.storefront.db.startup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The run that trains a service's start-up (AOT) cache
 * ({@code storefront.training-run=true}, see the launcher): once the service is ready it
 * sends itself the requests a freshly started instance answers first — the health probes,
 * the metrics scrape, an unknown path — and exits. The cache then holds the request
 * path's classes too, not only those of the start-up, so a new instance's first
 * {@code /health/ready} is answered at once instead of after a second of class loading.
 */
public final class TrainingRun implements ApplicationListener<ApplicationReadyEvent> {

	public static final String PROPERTY = "storefront.training-run";

	private static final Logger logger = LoggerFactory.getLogger(TrainingRun.class);

	private static final List<String> PATHS = List.of("/health/live", "/health/ready", "/health", "/health/detailed",
			"/metrics", "/storefront-training-run-not-found");

	private static final int ROUNDS = 20;

	private final boolean enabled;

	private final Optional<String> detailsToken;

	public TrainingRun(boolean enabled, Optional<String> detailsToken) {
		this.enabled = enabled;
		this.detailsToken = detailsToken;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!this.enabled) {
			return;
		}
		ConfigurableApplicationContext context = event.getApplicationContext();
		int answered = (context instanceof WebServerApplicationContext web) ? exercise(web.getWebServer().getPort())
				: 0;
		logger.info("training run done: {} requests answered; exiting", answered);
		System.exit(SpringApplication.exit(context));
	}

	private int exercise(int port) {
		int answered = 0;
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
			for (int round = 0; round < ROUNDS; round++) {
				for (String path : PATHS) {
					HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
						.timeout(Duration.ofSeconds(10));
					this.detailsToken.ifPresent((token) -> request.header("Authorization", "Bearer " + token));
					client.send(request.build(), HttpResponse.BodyHandlers.discarding());
					answered++;
				}
			}
		}
		catch (IOException ex) {
			logger.warn("training run: a request failed ({}); the cache covers less of the request path",
					ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return answered;
	}

}
