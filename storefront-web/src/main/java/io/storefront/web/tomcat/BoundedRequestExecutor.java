package io.storefront.web.tomcat;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;

/**
 * Tomcat's request executor: a virtual thread per request, as Spring Boot's, but at most
 * {@code limit} requests processed at once; the rest wait in arrival order, and nothing
 * is refused. Each request being processed holds Tomcat's request and response buffers
 * (about 90 KB), so without a limit a thousand slow requests hold 90 MB of heap; beyond a
 * few hundred, requests for a 30-connection pool only wait for it anyway, so waiting here
 * costs them nothing.
 */
public final class BoundedRequestExecutor implements Executor {

	private final Semaphore running;

	private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

	private final ThreadFactory threads = Thread.ofVirtual().name("tomcat-handler-", 0).factory();

	public BoundedRequestExecutor(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("the limit of concurrent requests must be at least 1, got " + limit);
		}
		this.running = new Semaphore(limit);
	}

	@Override
	public void execute(Runnable task) {
		this.waiting.add(task);
		startWaiting();
	}

	/** Number of tasks waiting for a turn. */
	public int waiting() {
		return this.waiting.size();
	}

	// Called after every arrival and every finish, each of which happens before it: a
	// task is never left waiting while a turn is free.
	private void startWaiting() {
		while (!this.waiting.isEmpty() && this.running.tryAcquire()) {
			Runnable next = this.waiting.poll();
			if (next == null) {
				this.running.release();
				continue;
			}
			this.threads.newThread(() -> {
				try {
					next.run();
				}
				finally {
					this.running.release();
					startWaiting();
				}
			}).start();
		}
	}

}
