package io.storefront.cart.cart;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * One turn per cart in this process, taken in arrival order: the changes to a cart wait
 * here, holding nothing, rather than on the database's lock, holding a pooled connection
 * each. A turn exists only while a change to its cart runs or waits, so memory grows with
 * the changes in flight, not with the carts. Each cart has a turn of its own, so that a
 * change waiting its 5 s for its cart's database lock never delays another cart's. The
 * changes waiting and those refused are metrics: they wait here, not for the pool, so the
 * pool's own figures do not show them.
 */
@Component
class CartTurns {

	private final ConcurrentHashMap<UUID, Turn> turns = new ConcurrentHashMap<>();

	private final Counter refused;

	CartTurns(MeterRegistry meters) {
		Gauge.builder("storefront.cart.changes.waiting", this, CartTurns::waiting)
			.description("Cart changes waiting for their cart's turn")
			.register(meters);
		this.refused = Counter.builder("storefront.cart.changes.refused")
			.description("Cart changes answered 409 for want of their cart's turn")
			.register(meters);
	}

	/** Whether the turn of {@code userId}'s cart came within {@code wait}. */
	boolean take(UUID userId, Duration wait) {
		Turn turn = this.turns.compute(userId, (id, existing) -> ((existing != null) ? existing : new Turn()).join());
		boolean taken = false;
		try {
			taken = turn.semaphore.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (!taken) {
				leave(userId);
			}
		}
		if (!taken) {
			this.refused.increment();
		}
		return taken;
	}

	/** Gives back a turn {@link #take} gave. */
	void give(UUID userId) {
		Turn turn = this.turns.get(userId);
		if (turn == null) {
			throw new IllegalStateException("no change holds the turn of " + userId + "'s cart");
		}
		turn.semaphore.release();
		leave(userId);
	}

	/** Forgets the cart's turn once no change holds it or waits for it. */
	private void leave(UUID userId) {
		this.turns.computeIfPresent(userId, (id, turn) -> turn.leave() ? null : turn);
	}

	/** The carts with a change holding or waiting for their turn. */
	int carts() {
		return this.turns.size();
	}

	private double waiting() {
		long waiting = 0;
		for (Turn turn : this.turns.values()) {
			waiting += turn.semaphore.getQueueLength();
		}
		return waiting;
	}

	/**
	 * A cart's turn and the changes that hold it or wait for it, counted only inside the
	 * map's atomic updates of its cart.
	 */
	private static final class Turn {

		private final Semaphore semaphore = new Semaphore(1, true);

		private int changes;

		Turn join() {
			this.changes++;
			return this;
		}

		/** Whether this was the last change holding or waiting for the turn. */
		boolean leave() {
			return --this.changes == 0;
		}

	}

}
