package io.storefront.cart.cart;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.storefront.db.retry.RetryingTransactionTemplate;

/**
 * Runs every change to a user's cart in a transaction that first takes the cart's lock,
 * so the changes to one cart happen one at a time: what a change read under the lock (is
 * there a line, how many units, which currency) still holds when it writes. An add that
 * found a line then really adds to it, instead of making a new one after a remove that
 * did not wait. A change that waits longer than {@link CartRepository#LOCK_WAIT} in all
 * is a {@link RetryableConflictException}.
 * <p>
 * The changes to one cart wait their turn in this process ({@link CartTurns}) before they
 * take a pooled connection: waiting on the database's lock instead, a user sending
 * hundreds of changes to their own cart held every connection of the pool, and everyone
 * else's requests waited behind them. The database's lock still orders the changes that
 * different replicas make.
 */
@Component
class CartChanges {

	static final String BUSY = "the cart is busy with other changes; retry";

	private final CartRepository carts;

	private final RetryingTransactionTemplate transaction;

	private final CartTurns turns;

	CartChanges(CartRepository carts, RetryingTransactionTemplate transaction, CartTurns turns) {
		this.carts = carts;
		this.transaction = transaction;
		this.turns = turns;
	}

	/** A change run once more only if its connection died before the commit. */
	<T> T change(UUID userId, Supplier<T> change) {
		return inTurn(userId, (lockWait) -> this.transaction.execute((status) -> locked(userId, lockWait, change)));
	}

	/**
	 * A change that leaves the same cart however often it is committed: when its commit
	 * loses its connection, it is answered if the server says it committed and run once
	 * more if the server says it was rolled back.
	 */
	<T> T idempotentChange(UUID userId, Supplier<T> change) {
		return inTurn(userId,
				(lockWait) -> this.transaction.executeIdempotent((status) -> locked(userId, lockWait, change)));
	}

	private <T> T locked(UUID userId, Duration lockWait, Supplier<T> change) {
		this.carts.lock(userId, lockWait);
		return change.get();
	}

	/**
	 * Runs {@code transaction} in the cart's turn, giving it what is left of
	 * {@link CartRepository#LOCK_WAIT} to wait for the database's lock.
	 */
	private <T> T inTurn(UUID userId, Function<Duration, T> transaction) {
		long deadline = System.nanoTime() + CartRepository.LOCK_WAIT.toNanos();
		if (!this.turns.take(userId, CartRepository.LOCK_WAIT)) {
			throw new RetryableConflictException(BUSY);
		}
		try {
			return transaction.apply(Duration.ofNanos(deadline - System.nanoTime()));
		}
		catch (RuntimeException ex) {
			if (CartRepository.isLockWaitOver(ex)) {
				throw new RetryableConflictException(BUSY);
			}
			throw ex;
		}
		finally {
			this.turns.give(userId);
		}
	}

}
