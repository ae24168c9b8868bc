package io.storefront.db.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs at most one instance of a task at a time: callers that arrive while it runs share its result
 * instead of starting another. This is how any number of health probes hold at most one database
 * connection.
 */
final class SingleFlight<T> {

	private final AtomicReference<CompletableFuture<T>> inFlight = new AtomicReference<>();

	private final Executor executor;

	SingleFlight(Executor executor) {
		this.executor = executor;
	}

	CompletableFuture<T> join(Supplier<T> task) {
		CompletableFuture<T> mine = new CompletableFuture<>();
		CompletableFuture<T> running = this.inFlight.compareAndExchange(null, mine);
		if (running != null) {
			return running;
		}
		try {
			this.executor.execute(() -> {
				try {
					mine.complete(task.get());
				}
				catch (Throwable ex) {
					mine.completeExceptionally(ex);
				}
				finally {
					this.inFlight.compareAndSet(mine, null);
				}
			});
		}
		catch (RuntimeException ex) {
			this.inFlight.compareAndSet(mine, null);
			mine.completeExceptionally(ex);
		}
		return mine;
	}

}
