package io.storefront.cart.cart;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cart's turn is one change at a time; a change that gets no turn in time is counted as
 * refused, which the pool's figures would never show.
 */
class CartTurnsTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CartTurns turns = new CartTurns(this.meters);

	@Test
	void aChangeThatGetsNoTurnInTimeIsCountedAsRefused() {
		UUID owner = new UUID(0, 1);
		UUID another = new UUID(0, 2);

		assertThat(this.turns.take(owner, Duration.ofMillis(50))).isTrue();
		assertThat(this.turns.take(owner, Duration.ofMillis(50))).as("the cart's turn is taken").isFalse();
		assertThat(this.turns.take(another, Duration.ofMillis(50))).as("another cart's turn").isTrue();
		this.turns.give(owner);
		assertThat(this.turns.take(owner, Duration.ofMillis(50))).as("given back").isTrue();

		assertThat(this.meters.get("storefront.cart.changes.refused").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("storefront.cart.changes.waiting").gauge().value()).isZero();
	}

	@Test
	void aCartsTurnIsKeptOnlyWhileAChangeHoldsOrWaitsForIt() throws Exception {
		UUID owner = new UUID(0, 1);
		assertThat(this.turns.take(owner, Duration.ofMillis(50))).isTrue();
		CompletableFuture<Boolean> waiting = CompletableFuture
			.supplyAsync(() -> this.turns.take(owner, Duration.ofSeconds(30)));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.get("storefront.cart.changes.waiting").gauge().value() == 1);

		this.turns.give(owner);
		assertThat(waiting.get(10, TimeUnit.SECONDS)).as("the waiting change gets the turn").isTrue();
		assertThat(this.turns.carts()).as("held by the second change").isOne();
		this.turns.give(owner);
		assertThat(this.turns.take(owner, Duration.ofMillis(10))).isTrue();
		assertThat(this.turns.take(owner, Duration.ofMillis(10))).as("refused while held").isFalse();
		this.turns.give(owner);

		assertThat(this.turns.carts()).as("no memory kept for idle carts").isZero();
	}

	@Test
	void cartsWhoseOwnersIdsHashAlikeHaveTurnsOfTheirOwn() {
		UUID owner = new UUID(0, 1);
		UUID alike = new UUID(1, 0);
		assertThat(alike.hashCode()).isEqualTo(owner.hashCode());

		assertThat(this.turns.take(owner, Duration.ofMillis(50))).isTrue();
		assertThat(this.turns.take(alike, Duration.ofMillis(50))).isTrue();
	}

}
