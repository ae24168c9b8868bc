package io.storefront.product.reliability;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A few clients calling the service in a loop until stopped, each request timed and kept:
 * what a test needs to say that every request during some event was answered, how, and
 * how fast.
 */
final class HttpLoad {

	/**
	 * One request: when it started (nanoTime), what it asked, how it was answered, how
	 * long it took.
	 */
	record Answer(long startedAt, String path, int status, String contentType, String retryAfter, String body,
			Duration took) {

		@Override
		public String toString() {
			return this.path + " -> " + this.status + " in " + this.took.toMillis() + " ms: " + this.body;
		}

	}

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

	private final ExecutorService clients;

	private final List<Future<?>> loops = new ArrayList<>();

	private HttpLoad(int clients) {
		this.clients = Executors.newFixedThreadPool(clients);
	}

	/**
	 * Starts {@code clients} loops; {@code paths} gives the path of a client's
	 * {@code n}th request, and {@code get} sends it.
	 */
	static HttpLoad start(int clients, BiFunction<Integer, Integer, String> paths,
			Function<String, HttpResponse<String>> get) {
		HttpLoad load = new HttpLoad(clients);
		for (int client = 0; client < clients; client++) {
			int id = client;
			load.loops.add(load.clients.submit(() -> {
				for (int n = 0; load.running.get(); n++) {
					String path = paths.apply(id, n);
					long started = System.nanoTime();
					HttpResponse<String> response = get.apply(path);
					load.answers.add(new Answer(started, path, response.statusCode(),
							response.headers().firstValue("Content-Type").orElse(""),
							response.headers().firstValue("Retry-After").orElse(null), response.body(),
							Duration.ofNanos(System.nanoTime() - started)));
				}
				return null;
			}));
		}
		return load;
	}

	/** Stops the loops, waits for the requests in flight, and returns every answer. */
	List<Answer> stop() throws Exception {
		this.running.set(false);
		try {
			for (Future<?> loop : this.loops) {
				loop.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			this.clients.shutdownNow();
		}
		return List.copyOf(this.answers);
	}

}
