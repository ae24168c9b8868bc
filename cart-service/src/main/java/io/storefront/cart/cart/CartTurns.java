package io.storefront.cart.cart;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * One turn per cart in this process, taken in arrival order: the changes to a cart wait
 * here, holding nothing, rather than on the database's lock, holding a pooled connection
 * each. Carts share {@link #STRIPES} turns by their owner's id, so memory stays fixed;
 * two carts on one turn only take turns too, each change a few milliseconds. The changes
 * waiting and those refused are metrics: they wait here, not for the pool, so the pool's
 * own figures do not show them.
 */
@Component
class CartTurns {

	static final int STRIPES = 1024;

	private final Semaphore[] turns = new Semaphore[STRIPES];

	private final Counter refused;

	CartTurns(MeterRegistry meters) {
		for (int i = 0; i < STRIPES; i++) {
			this.turns[i] = new Semaphore(1, true);
		}
		Gauge.builder("storefront.cart.changes.waiting", this, CartTurns::waiting)
			.description("Cart changes waiting for their cart's turn")
			.register(meters);
		this.refused = Counter.builder("storefront.cart.changes.refused")
			.description("Cart changes answered 409 for want of their cart's turn")
			.register(meters);
	}

	/** Whether the turn of {@code userId}'s cart came within {@code wait}. */
	boolean take(UUID userId, Duration wait) {
		boolean taken;
		try {
			taken = turn(userId).tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			taken = false;
		}
		if (!taken) {
			this.refused.increment();
		}
		return taken;
	}

	/** Gives back a turn {@link #take} gave. */
	void give(UUID userId) {
		turn(userId).release();
	}

	private double waiting() {
		long waiting = 0;
		for (Semaphore turn : this.turns) {
			waiting += turn.getQueueLength();
		}
		return waiting;
	}

	private Semaphore turn(UUID userId) {
		return this.turns[Math.floorMod(userId.hashCode(), STRIPES)];
	}

}
