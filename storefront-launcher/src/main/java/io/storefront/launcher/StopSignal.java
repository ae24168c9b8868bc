package io.storefront.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import sun.misc.Signal;

/**
 * Turns Ctrl-C (SIGINT), SIGTERM and a closed terminal (SIGHUP) into a request the main
 * thread acts on, so that the stop runs in order (services first, then PostgreSQL)
 * instead of in the JVM's shutdown hooks, which run all at once and would take the
 * database away from services still shutting down.
 */
public final class StopSignal {

	private final CountDownLatch requested = new CountDownLatch(1);

	private final AtomicReference<String> reason = new AtomicReference<>();

	public StopSignal() {
	}

	public static StopSignal install() {
		StopSignal stop = new StopSignal();
		for (String name : new String[] { "INT", "TERM", "HUP" }) {
			Signal.handle(new Signal(name), (signal) -> stop.request("SIG" + signal.getName()));
		}
		return stop;
	}

	public void request(String why) {
		if (this.reason.compareAndSet(null, why)) {
			this.requested.countDown();
		}
	}

	public boolean isRequested() {
		return this.requested.getCount() == 0;
	}

	public String reason() {
		return this.reason.get();
	}

	/**
	 * @return whether a stop was requested within {@code millis}
	 */
	public boolean await(long millis) {
		try {
			return this.requested.await(millis, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			request("interrupt");
			return true;
		}
	}

}
