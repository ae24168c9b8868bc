package io.storefront.launcher.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code GET /health/ready} answering 200: the database answers and the migrations are
 * applied.
 */
final class Readiness {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	boolean isReady(ServiceSpec spec) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(spec.baseUrl() + "/health/ready"))
			.timeout(Duration.ofSeconds(3))
			.GET()
			.build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
