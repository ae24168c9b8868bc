package io.storefront.cart.cart;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * One turn per cart in this process, taken in arrival order: the changes to a cart wait
 * here, holding nothing, rather than on the database's lock, holding a pooled connection
 * each. Carts share {@link #STRIPES} turns by their owner's id, so memory stays fixed;
 * two carts on one turn only take turns too, each change a few milliseconds.
 */
@Component
class CartTurns {

	static final int STRIPES = 1024;

	private final Semaphore[] turns = new Semaphore[STRIPES];

	CartTurns() {
		for (int i = 0; i < STRIPES; i++) {
			this.turns[i] = new Semaphore(1, true);
		}
	}

	/** Whether the turn of {@code userId}'s cart came within {@code wait}. */
	boolean take(UUID userId, Duration wait) {
		try {
			return turn(userId).tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Gives back a turn {@link #take} gave. */
	void give(UUID userId) {
		turn(userId).release();
	}

	private Semaphore turn(UUID userId) {
		return this.turns[Math.floorMod(userId.hashCode(), STRIPES)];
	}

}
