package io.storefront.launcher.services;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.storefront.launcher.process.ChildProcess;

/**
 * The services as child processes: started together, waited for until each is ready,
 * watched while they run, and stopped together (SIGTERM to all, then SIGKILL for any
 * still there after the grace period).
 */
public final class ServiceGroup implements AutoCloseable {

	static final Duration STOP_GRACE = Duration.ofSeconds(20);

	private final List<ServiceProcess> processes = new CopyOnWriteArrayList<>();

	private final Readiness readiness = new Readiness();

	private Path javaHome;

	private Path workingDirectory;

	private PrintStream console;

	private int labelWidth;

	private ServiceGroup() {
	}

	static ServiceGroup start(List<ServiceSpec> specs, Path javaHome, Path workingDirectory, PrintStream console,
			Consumer<ServiceProcess> started) {
		ServiceGroup group = new ServiceGroup();
		group.javaHome = javaHome;
		group.workingDirectory = workingDirectory;
		group.console = console;
		group.labelWidth = specs.stream().mapToInt((spec) -> spec.label().length()).max().orElse(0);
		for (ServiceSpec spec : specs) {
			ServiceProcess process = group.launch(spec, false);
			group.processes.add(process);
			started.accept(process);
		}
		return group;
	}

	private ServiceProcess launch(ServiceSpec spec, boolean again) {
		String prefix = String.format(Locale.ROOT, "%-" + this.labelWidth + "s | ", spec.label());
		return ServiceProcess.start(spec, this.javaHome, this.workingDirectory, STOP_GRACE, this.console, prefix,
				again);
	}

	/**
	 * Starts {@code exited} again from the same spec, in its place in the group, its
	 * output added to the same log (which keeps why it exited); returns the new process.
	 */
	public ServiceProcess restart(ServiceProcess exited) {
		int index = this.processes.indexOf(exited);
		if (index < 0 || exited.child().isAlive()) {
			throw new IllegalArgumentException(exited.spec().label() + " is not an exited member of this group");
		}
		ServiceProcess process = launch(exited.spec(), true);
		this.processes.set(index, process);
		return process;
	}

	/** Whether the service answers {@code /health/ready} with 200 now. */
	public boolean isReady(ServiceProcess process) {
		return this.readiness.isReady(process.spec());
	}

	/**
	 * Polls every service's readiness until all are ready, one dies, the time is up or
	 * {@code stop} says so.
	 */
	public StartupOutcome awaitReady(Duration limit, BooleanSupplier stop, Consumer<String> notes) {
		long start = System.nanoTime();
		long deadline = start + limit.toNanos();
		Set<ServiceProcess> pending = new LinkedHashSet<>(this.processes);
		while (!pending.isEmpty()) {
			Optional<ServiceProcess> dead = firstDead();
			if (dead.isPresent()) {
				return StartupOutcome.died(dead.get());
			}
			if (stop.getAsBoolean()) {
				return StartupOutcome.stopped();
			}
			for (ServiceProcess process : List.copyOf(pending)) {
				if (this.readiness.isReady(process.spec())) {
					pending.remove(process);
					notes.accept(String.format(Locale.ROOT, "%s ready on %s (%.1f s)", process.spec().label(),
							process.spec().baseUrl(), (System.nanoTime() - start) / 1e9));
				}
			}
			if (pending.isEmpty()) {
				break;
			}
			if (System.nanoTime() > deadline) {
				return StartupOutcome.timedOut(pending.iterator().next());
			}
			sleep(500);
		}
		return StartupOutcome.ready();
	}

	public Optional<ServiceProcess> firstDead() {
		return this.processes.stream().filter((process) -> !process.child().isAlive()).findFirst();
	}

	public List<ServiceProcess> processes() {
		return List.copyOf(this.processes);
	}

	/** Stops every service still running, all at once, and waits until they are gone. */
	@Override
	public void close() {
		ChildProcess.stopTogether(this.processes.stream().map(ServiceProcess::child).toList(), STOP_GRACE);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * How waiting for readiness ended; {@code culprit} is the service that died or was
	 * too slow.
	 */
	public record StartupOutcome(Kind kind, ServiceProcess culprit) {

		public enum Kind {

			READY, DIED, TIMED_OUT, STOPPED

		}

		static StartupOutcome ready() {
			return new StartupOutcome(Kind.READY, null);
		}

		static StartupOutcome died(ServiceProcess process) {
			return new StartupOutcome(Kind.DIED, process);
		}

		static StartupOutcome timedOut(ServiceProcess process) {
			return new StartupOutcome(Kind.TIMED_OUT, process);
		}

		static StartupOutcome stopped() {
			return new StartupOutcome(Kind.STOPPED, null);
		}

		/**
		 * Why start-up failed, after the culprit's name: "exited with code 1 during
		 * start-up", or "was not ready within 180 s (see its log; …)".
		 * @param limit how long the services were given
		 */
		public String failure(Duration limit) {
			return switch (this.kind) {
				case DIED -> " exited with code " + this.culprit.child().exitCode().orElse(-1) + " during start-up";
				case TIMED_OUT -> StartTimeout.notReadyWithin(limit, this.culprit.spec().log());
				case READY, STOPPED -> throw new IllegalStateException(this.kind + " is not a failure");
			};
		}

	}

}
