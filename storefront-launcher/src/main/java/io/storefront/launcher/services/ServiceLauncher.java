package io.storefront.launcher.services;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

import io.storefront.launcher.services.ServiceGroup.StartupOutcome;

/**
 * How {@code up} runs a set of services, alone or as replicas: says which it starts,
 * starts them as one {@link ServiceGroup} (each recorded as it starts), waits until every
 * one is ready, hands the group to what comes next, and stops them all once that is done.
 *
 * @param javaHome the JDK that runs them
 * @param workingDirectory the services' working folder
 * @param out where the progress lines and the services' output go
 * @param startLimit how long the services may take to be ready
 * @param stop says when {@code up} is asked to stop
 * @param started hears of every service started (its label, its PID)
 */
public record ServiceLauncher(Path javaHome, Path workingDirectory, PrintStream out, Duration startLimit,
		BooleanSupplier stop, BiConsumer<String, Long> started) {

	/**
	 * @param stopped says that {@code up} stops when a stop is asked for during start-up,
	 * and answers the exit status
	 * @param whileReady runs once every service is ready, and answers the exit status
	 * @return {@code whileReady}'s or {@code stopped}'s status, or 1 after reporting a
	 * service that exited or was not ready in time
	 */
	public int run(List<ServiceSpec> specs, IntSupplier stopped, ToIntFunction<ServiceGroup> whileReady) {
		this.out.println("Starting "
				+ String.join(", ", specs.stream().map((spec) -> spec.label() + " on :" + spec.port()).toList()) + "…");
		try (ServiceGroup group = ServiceGroup.start(specs, this.javaHome, this.workingDirectory, this.out,
				(process) -> this.started.accept(process.spec().label(), process.child().pid()))) {
			StartupOutcome outcome = group.awaitReady(this.startLimit, this.stop, this.out::println);
			return switch (outcome.kind()) {
				case DIED, TIMED_OUT -> outcome.culprit().reportFailure(outcome.failure(this.startLimit));
				case STOPPED -> stopped.getAsInt();
				case READY -> whileReady.applyAsInt(group);
			};
		}
		finally {
			this.out.println("Services stopped.");
		}
	}

}
