package io.storefront.cart.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs requests from one thread each, all released at the same moment. */
public final class AllAtOnce {

	private AllAtOnce() {
	}

	/**
	 * @return what each request returned, in the order given
	 */
	public static <T> List<T> run(List<Callable<T>> requests) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		List<Future<T>> running = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(requests.size())) {
			for (Callable<T> request : requests) {
				running.add(pool.submit(() -> {
					start.await();
					return request.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> one : running) {
				results.add(one.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
	}

}
