package io.storefront.launcher.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few clients sending GET requests one after another, as fast as they are answered,
 * until stopped; every answer that is not 200 and every request that failed is kept, with
 * when it happened.
 */
final class SteadyLoad {

	private final StorefrontHttp http = new StorefrontHttp();

	private final List<String> urls;

	private final List<Thread> clients = new ArrayList<>();

	private final List<String> failures = new ArrayList<>();

	private final AtomicInteger answered = new AtomicInteger();

	private volatile boolean running = true;

	private SteadyLoad(List<String> urls) {
		this.urls = urls;
	}

	static SteadyLoad start(int clients, List<String> urls) {
		SteadyLoad load = new SteadyLoad(urls);
		for (int i = 0; i < clients; i++) {
			int client = i;
			load.clients.add(Thread.ofPlatform().name("steady-load-" + i).daemon(true).start(() -> load.run(client)));
		}
		return load;
	}

	private void run(int client) {
		for (int request = client; this.running; request++) {
			String url = this.urls.get(request % this.urls.size());
			try {
				StorefrontHttp.Reply reply = this.http.get(url);
				if (reply.status() != 200) {
					fail(url + " answered " + reply.status() + ": " + reply.body());
				}
				this.answered.incrementAndGet();
			}
			catch (IOException ex) {
				fail(url + " failed: " + ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private synchronized void fail(String what) {
		this.failures.add(java.time.LocalTime.now() + " " + what);
	}

	/** Stops the clients after their request in flight, and waits for them. */
	void stop() throws InterruptedException {
		this.running = false;
		for (Thread client : this.clients) {
			client.join(15_000);
		}
	}

	int answered() {
		return this.answered.get();
	}

	synchronized List<String> failures() {
		return List.copyOf(this.failures);
	}

}
