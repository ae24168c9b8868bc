package io.storefront.db.health;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import io.storefront.db.pool.SqlErrors;

/**
 * Runs at most one instance of a task at a time: callers that arrive while it runs share
 * its result instead of starting another. This is how any number of health probes hold at
 * most one database connection.
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
				T result = null;
				Throwable failure = null;
				try {
					result = task.get();
				}
				catch (Throwable ex) {
					failure = ex;
				}
				// Cleared before the callers hear, so that one asking again once answered
				// starts a run of its own rather than getting this one's answer back.
				this.inFlight.compareAndSet(mine, null);
				if (failure != null) {
					mine.completeExceptionally(failure);
				}
				else {
					mine.complete(result);
				}
			});
		}
		catch (RuntimeException ex) {
			this.inFlight.compareAndSet(mine, null);
			mine.completeExceptionally(ex);
		}
		return mine;
	}

	/**
	 * {@link #join}, waiting at most {@code limit}: a task that fails, or gives no answer
	 * in time, is answered by {@code onFailure} with the reason.
	 */
	T joinWithin(Supplier<T> task, Duration limit, Function<String, T> onFailure) {
		return joinWithin(task, limit, onFailure, onFailure);
	}

	/**
	 * {@link #join}, waiting at most {@code limit}: a task that gives no answer in time
	 * is answered by {@code onTimeout}, one that fails (or a wait interrupted) by
	 * {@code onFailure}, each with the reason.
	 */
	T joinWithin(Supplier<T> task, Duration limit, Function<String, T> onTimeout, Function<String, T> onFailure) {
		try {
			return join(task).get(limit.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return onTimeout.apply("no answer within " + limit.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			return onFailure.apply(SqlErrors.shortReason(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return onFailure.apply("interrupted");
		}
	}

}
