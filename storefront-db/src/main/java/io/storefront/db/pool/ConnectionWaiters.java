package io.storefront.db.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads inside the pool's {@code getConnection()}, so that they can be let go when
 * the health probe sees the database go away: a thread that reached the pool a moment
 * before the outage was noticed would otherwise wait the whole
 * {@code DATABASE_POOL_TIMEOUT} for a connection that cannot be made.
 *
 * <p>
 * A thread is let go by interrupting it, which HikariCP answers by giving up the wait.
 * The interrupt is cleared again: {@link Waiter#leave()} waits until a release in
 * progress has delivered its interrupt, then clears it, so no stray interrupt reaches the
 * caller's later work. The cost on the way to every connection is one small object and
 * one insert into and removal from a concurrent set.
 */
final class ConnectionWaiters {

	private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();

	/**
	 * Registers the current thread; call {@link Waiter#leave()} in a {@code finally}
	 * block.
	 */
	Waiter enter() {
		Waiter waiter = new Waiter(Thread.currentThread(), this);
		this.waiting.add(waiter);
		return waiter;
	}

	/** Lets every thread waiting right now go; they fail with {@code reason}. */
	void releaseAll(String reason) {
		for (Waiter waiter : this.waiting) {
			waiter.release(reason);
		}
	}

	static final class Waiter {

		private static final int WAITING = 0;

		private static final int RELEASING = 1;

		private static final int RELEASED = 2;

		private static final int LEFT = 3;

		private static final VarHandle STATE;

		static {
			try {
				STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
			}
			catch (ReflectiveOperationException ex) {
				throw new ExceptionInInitializerError(ex);
			}
		}

		private final Thread thread;

		private final ConnectionWaiters owner;

		@SuppressWarnings("unused") // through STATE
		private volatile int state;

		private String reason;

		private Waiter(Thread thread, ConnectionWaiters owner) {
			this.thread = thread;
			this.owner = owner;
		}

		private void release(String reason) {
			if (STATE.compareAndSet(this, WAITING, RELEASING)) {
				this.reason = reason;
				this.thread.interrupt();
				this.state = RELEASED;
			}
		}

		/**
		 * Unregisters the thread.
		 * @return the reason it was let go, with the interrupt that did it cleared;
		 * {@code null} when it was not let go, and then the thread's interrupt status is
		 * left as it is
		 */
		String leave() {
			this.owner.waiting.remove(this);
			if (STATE.compareAndSet(this, WAITING, LEFT)) {
				return null;
			}
			while (this.state == RELEASING) {
				Thread.onSpinWait();
			}
			Thread.interrupted();
			return this.reason;
		}

	}

}
