package io.storefront.cart.cart;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.storefront.db.retry.RetryingTransactionTemplate;

/**
 * Runs every change to a user's cart in a transaction that first takes the cart's lock,
 * so the changes to one cart happen one at a time: what a change read under the lock (is
 * there a line, how many units, which currency) still holds when it writes. An add that
 * found a line then really adds to it, instead of making a new one after a remove that
 * did not wait. A change that waits longer than {@link CartRepository#LOCK_WAIT} is a
 * {@link RetryableConflictException}.
 */
@Component
class CartChanges {

	static final String BUSY = "the cart is busy with other changes; retry";

	private final CartRepository carts;

	private final RetryingTransactionTemplate transaction;

	CartChanges(CartRepository carts, RetryingTransactionTemplate transaction) {
		this.carts = carts;
		this.transaction = transaction;
	}

	/** A change run once more only if its connection died before the commit. */
	<T> T change(UUID userId, Supplier<T> change) {
		return unlessBusy(() -> this.transaction.execute((status) -> locked(userId, change)));
	}

	/**
	 * A change that leaves the same cart however often it is committed: when its commit
	 * loses its connection, it is answered if the server says it committed and run once
	 * more if the server says it was rolled back.
	 */
	<T> T idempotentChange(UUID userId, Supplier<T> change) {
		return unlessBusy(() -> this.transaction.executeIdempotent((status) -> locked(userId, change)));
	}

	private <T> T locked(UUID userId, Supplier<T> change) {
		this.carts.lock(userId);
		return change.get();
	}

	private static <T> T unlessBusy(Supplier<T> transaction) {
		try {
			return transaction.get();
		}
		catch (RuntimeException ex) {
			if (CartRepository.isLockWaitOver(ex)) {
				throw new RetryableConflictException(BUSY);
			}
			throw ex;
		}
	}

}
