package io.storefront.console.watch;

import java.io.IOException;
import java.time.Clock;

import io.storefront.console.history.History;
import io.storefront.console.poll.HealthPoller;
import io.storefront.console.settings.ConsoleSettings;

/**
 * A started {@link Watch} with its poller and history, as the console wires them, closed
 * in the console's order: the watch first, so that it records nothing of its own
 * shutdown.
 */
public final class RunningWatch implements AutoCloseable {

	private final History history;

	private final HealthPoller poller;

	private final Watch watch;

	private RunningWatch(History history, HealthPoller poller, Watch watch) {
		this.history = history;
		this.poller = poller;
		this.watch = watch;
	}

	public static RunningWatch start(ConsoleSettings settings) throws IOException {
		History history = History.open(settings.historyFile(), Clock.systemUTC().instant());
		HealthPoller poller = new HealthPoller(settings.pollTimeout(), settings.details(), Clock.systemUTC());
		Watch watch = new Watch(settings, poller, history, Clock.systemUTC());
		watch.start();
		return new RunningWatch(history, poller, watch);
	}

	public Watch watch() {
		return this.watch;
	}

	public History history() {
		return this.history;
	}

	@Override
	public void close() throws IOException {
		this.watch.close();
		this.poller.close();
		this.history.close();
	}

}
