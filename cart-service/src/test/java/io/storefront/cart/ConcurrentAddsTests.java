package io.storefront.cart;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.cart.support.CartLock;
import io.storefront.cart.support.ConcurrentAdds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConcurrentAddsTests extends CartApiTestSupport {

	private static final int THREADS = 20;

	/**
	 * How long an add waits for another change to the same cart (cart-service's
	 * lock_timeout).
	 */
	private static final Duration LOCK_WAIT = Duration.ofSeconds(5);

	@Autowired
	DataSource dataSource;

	@Test
	void twentyConcurrentAddsOfTheSameProductLoseNoQuantity() throws Exception {
		String user = newUser();
		String token = tokens.user(user);
		products.product(301, "Popular product", "3.50", "USD", 10_000);

		List<Integer> statuses = addAllAtOnce(token, 301);

		assertThat(statuses).as("one add makes the line, the others sum into it")
			.containsOnly(200, 201)
			.filteredOn((status) -> status == 201)
			.hasSize(1);
		int expected = 0;
		for (int i = 1; i <= THREADS; i++) {
			expected += i;
		}
		assertThat(get("/cart", token).json().get("items").get(0).get("quantity").asInt()).isEqualTo(expected);
		assertThat(storedQuantity(user, 301)).as("what was stored, not only what the cart shows").isEqualTo(expected);
	}

	@Test
	void concurrentAddsNeverTakeALinePastTheStock() throws Exception {
		String token = tokens.user(newUser());
		products.product(302, "Scarce product", "9.00", "USD", 50);

		List<Integer> statuses = addAllAtOnce(token, 302);

		int accepted = 0;
		for (int i = 1; i <= THREADS; i++) {
			accepted += (statuses.get(i - 1) == 409) ? 0 : i;
		}
		int quantity = get("/cart", token).json().get("items").get(0).get("quantity").asInt();
		assertThat(quantity).as("exactly the accepted adds, and within the stock")
			.isEqualTo(accepted)
			.isLessThanOrEqualTo(50);
		assertThat(statuses).containsOnly(200, 201, 409).contains(409);
	}

	@Test
	void anAddWaitsBoundedlyForOtherChangesToTheSameCartOnly() throws Exception {
		String user = newUser();
		products.product(303, "Locked product", "1.00", "USD", 100);
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			CartLock.hold(other, user);

			Response unaffected = add(tokens.user(newUser()), 303, 1);
			Response waiting = add(tokens.user(user), 303, 1);

			assertThat(unaffected.status()).isEqualTo(201);
			// Another user's add does not wait for this lock; this user's gives up after
			// the 5 s lock wait.
			assertThat(unaffected.took()).isLessThan(LOCK_WAIT);
			assertThat(waiting.assertProblem(409)).contains("busy");
			assertThat(waiting.header("Retry-After")).isEqualTo("1");
			assertThat(waiting.took()).isBetween(LOCK_WAIT.minusSeconds(1), LOCK_WAIT.plusSeconds(10));
			other.rollback();
		}
		assertThat(add(tokens.user(user), 303, 1).status()).isEqualTo(201);
	}

	/**
	 * Two owners whose ids hash alike, so that turns shared by that hash would be one:
	 * one's add waiting for its cart's lock does not hold the other's.
	 */
	@Test
	void anAddWaitingForItsCartsLockDoesNotHoldUpACartWhoseOwnersIdHashesAlike() throws Exception {
		String user = newUser();
		String alike = new UUID(UUID.fromString(user).getMostSignificantBits() ^ 1,
				UUID.fromString(user).getLeastSignificantBits() ^ 1)
			.toString();
		assertThat(UUID.fromString(alike).hashCode()).isEqualTo(UUID.fromString(user).hashCode());
		products.product(305, "Shared-turn product", "1.00", "USD", 100);
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			CartLock.hold(other, user);
			CompletableFuture<Response> waiting = CompletableFuture.supplyAsync(() -> add(tokens.user(user), 305, 1));
			await().atMost(LOCK_WAIT).until(() -> waitingForTheLock(other) == 1);

			Response unaffected = add(tokens.user(alike), 305, 1);

			assertThat(unaffected.status()).isEqualTo(201);
			assertThat(waiting).as("answered while the other add still waits for its lock").isNotDone();
			assertThat(waiting.get(LOCK_WAIT.plusSeconds(10).toSeconds(), TimeUnit.SECONDS).assertProblem(409))
				.contains("busy");
			other.rollback();
		}
	}

	private static int waitingForTheLock(Connection connection) throws Exception {
		try (PreparedStatement waiting = connection
			.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
				ResultSet result = waiting.executeQuery()) {
			result.next();
			return result.getInt(1);
		}
	}

	@Test
	void anAddThatWaitsTooLongForALineAnotherTransactionChangesIsAConflictNotAnError() throws Exception {
		String user = newUser();
		products.product(304, "Changed product", "1.00", "USD", 100);
		assertThat(add(tokens.user(user), 304, 1).status()).isEqualTo(201);
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			try (PreparedStatement change = other.prepareStatement(
					"UPDATE cart_items SET quantity = quantity WHERE user_id = CAST(? AS uuid) AND product_id = 304")) {
				change.setString(1, user);
				assertThat(change.executeUpdate()).isOne();
			}

			Response waiting = add(tokens.user(user), 304, 1);

			assertThat(waiting.assertProblem(409)).contains("busy");
			other.rollback();
		}
		assertThat(get("/cart", tokens.user(user)).json().get("items").get(0).get("quantity").asInt()).isEqualTo(1);
	}

	private List<Integer> addAllAtOnce(String token, long productId) throws Exception {
		return ConcurrentAdds.allAtOnce(THREADS, (quantity) -> add(token, productId, quantity).status());
	}

}
