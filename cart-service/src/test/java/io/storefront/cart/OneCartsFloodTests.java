package io.storefront.cart;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.cart.support.AllAtOnce;
import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.cart.support.CartLock;
import io.storefront.db.testing.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One user sending many changes to their own cart at once, each waiting for the cart:
 * they wait for their turn holding no pooled connection, so one at a time waits on the
 * database, and another user's cart still answers at once. Before, each waiting change
 * held a connection, and a few dozen of them held the whole pool.
 */
class OneCartsFloodTests extends CartApiTestSupport {

	private static final int CHANGES = 24;

	@Autowired
	DataSource dataSource;

	@Test
	void changesWaitingForOneCartHoldNoConnectionAndOtherCartsAnswer() throws Exception {
		String flooder = newUser();
		String token = tokens.user(flooder);
		String other = tokens.user(newUser());
		List<Callable<Response>> changes = new ArrayList<>();
		for (int i = 0; i < CHANGES; i++) {
			changes.add(() -> delete("/cart", token));
		}
		List<Response> answers;
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			CartLock.hold(holder, flooder);

			CompletableFuture<List<Response>> flood = CompletableFuture.supplyAsync(() -> {
				try {
					return AllAtOnce.run(changes);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			AtomicLong mostWaiting = new AtomicLong();
			// a loaded machine may take seconds to send all the changes: they are awaited
			// until the others say they wait, with the database's lock watched meanwhile;
			// not longer than the 5 s each waits for its turn, after which it gives up
			await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
				mostWaiting.accumulateAndGet(waitingOnTheDatabasesLock(), Math::max);
				assertThat(get("/metrics", null).body()).as("the others wait for the cart's turn, and say so")
					.containsPattern("(?m)^storefront_cart_changes_waiting\\{[^}]*\\} " + (CHANGES - 1) + "\\.0$");
			});
			Response otherCart = get("/cart", other);

			assertThat(mostWaiting.get()).as("changes waiting on the database's lock, each holding a connection")
				.isEqualTo(1);
			assertThat(otherCart.status()).as(otherCart.body()).isEqualTo(200);
			assertThat(otherCart.took()).as("another user's cart, meanwhile").isLessThan(Duration.ofSeconds(2));

			holder.rollback();
			answers = flood.get();
		}
		for (Response answer : answers) {
			assertThat(answer.status()).as(answer.body()).isIn(204, 409);
		}
	}

	private static long waitingOnTheDatabasesLock() throws Exception {
		return TestPostgres.shared()
			.queryAsAdmin("postgres", "SELECT count(*) FROM pg_stat_activity WHERE usename = 'cart_svc' "
					+ "AND wait_event_type = 'Lock' AND wait_event = 'advisory'");
	}

}
