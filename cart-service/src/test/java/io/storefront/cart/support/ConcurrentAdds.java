package io.storefront.cart.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/** Adds to one cart from many threads released at the same moment. */
public final class ConcurrentAdds {

	private ConcurrentAdds() {
	}

	/**
	 * Thread {@code i} (1-based) runs {@code add} with quantity {@code i}; all start
	 * together.
	 * @return the HTTP statuses {@code add} returned, in thread order
	 */
	public static List<Integer> allAtOnce(int threads, IntUnaryOperator add) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> adds = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			for (int i = 1; i <= threads; i++) {
				int quantity = i;
				adds.add(pool.submit(() -> {
					start.await();
					return add.applyAsInt(quantity);
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> one : adds) {
				statuses.add(one.get(60, TimeUnit.SECONDS));
			}
			return statuses;
		}
	}

}
