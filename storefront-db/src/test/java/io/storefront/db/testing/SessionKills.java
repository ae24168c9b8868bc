package io.storefront.db.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * A service's sessions killed on the server again and again
 * ({@code pg_terminate_backend}, as an operator or a failover would) while clients keep
 * reading through its API.
 */
public final class SessionKills {

	/**
	 * What the clients got back, in no particular order, and how many sessions were
	 * killed.
	 */
	public record Outcome<T>(List<T> answers, int killed) {
	}

	private static final int ROUNDS = 3;

	private static final long PAUSE_MILLIS = 700;

	private SessionKills() {
	}

	/**
	 * Runs {@code read} (given the client's number) in a loop on {@code clients} threads,
	 * kills every session of {@code role} three times 0.7 s apart, waits 0.7 s more, then
	 * stops the clients.
	 */
	public static <T> Outcome<T> whileReading(String role, int clients, IntFunction<T> read) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		ConcurrentLinkedQueue<T> answers = new ConcurrentLinkedQueue<>();
		ExecutorService threads = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> loops = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				int client = i;
				loops.add(threads.submit(() -> {
					while (running.get()) {
						answers.add(read.apply(client));
					}
					return null;
				}));
			}
			int killed = 0;
			for (int round = 0; round < ROUNDS; round++) {
				Thread.sleep(PAUSE_MILLIS);
				killed += TestPostgres.shared().terminateSessionsOf(role);
			}
			Thread.sleep(PAUSE_MILLIS);
			running.set(false);
			for (Future<?> loop : loops) {
				loop.get(60, TimeUnit.SECONDS);
			}
			return new Outcome<>(List.copyOf(answers), killed);
		}
		finally {
			running.set(false);
			threads.shutdown();
		}
	}

}
