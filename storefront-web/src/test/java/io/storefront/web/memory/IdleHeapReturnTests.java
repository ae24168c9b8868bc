package io.storefront.web.memory;

import java.lang.management.MemoryUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.storefront.web.testing.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

class IdleHeapReturnTests {

	private static final long MIB = 1024 * 1024;

	private static final Duration IDLE_AFTER = Duration.ofSeconds(30);

	private final FakeHeap heap = new FakeHeap();

	private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T08:00:00Z"));

	private final IdleHeapReturn idleHeapReturn = new IdleHeapReturn(IDLE_AFTER, this.heap, this.clock);

	@Test
	void collectsOnceWhenNoCollectionRanForTheIdlePeriodAndMuchIsSpare() {
		this.heap.grownByABurst();
		assertThat(this.idleHeapReturn.check()).isFalse();

		later(IDLE_AFTER.minusSeconds(1));
		assertThat(this.idleHeapReturn.check()).as("not idle long enough yet").isFalse();
		later(Duration.ofSeconds(1));
		assertThat(this.idleHeapReturn.check()).isTrue();
		assertThat(this.heap.fullCollections).isOne();

		later(IDLE_AFTER.multipliedBy(10));
		assertThat(this.idleHeapReturn.check()).as("nothing allocated since its own collection").isFalse();
		assertThat(this.heap.fullCollections).isOne();
	}

	@Test
	void aCollectionOfTheServicesOwnStartsTheIdlePeriodAgain() {
		this.heap.grownByABurst();
		this.idleHeapReturn.check();
		later(IDLE_AFTER.minusSeconds(5));
		this.heap.collections++;
		assertThat(this.idleHeapReturn.check()).isFalse();
		later(Duration.ofSeconds(10));

		assertThat(this.idleHeapReturn.check()).isFalse();
		assertThat(this.heap.fullCollections).isZero();
	}

	@Test
	void theNextBurstIsGivenBackToo() {
		this.heap.grownByABurst();
		this.idleHeapReturn.check();
		later(IDLE_AFTER);
		assertThat(this.idleHeapReturn.check()).isTrue();

		this.heap.grownByABurst();
		this.heap.collections += 50;
		this.idleHeapReturn.check();
		later(IDLE_AFTER);

		assertThat(this.idleHeapReturn.check()).isTrue();
		assertThat(this.heap.fullCollections).isEqualTo(2);
	}

	@Test
	void aHeapThatHardlyGrewIsNotWorthACollection() {
		this.heap.usage = new MemoryUsage(64 * MIB, 90 * MIB, 64 * MIB + IdleHeapReturn.MINIMUM_GROWTH_BYTES - 1,
				256 * MIB);
		this.idleHeapReturn.check();
		later(IDLE_AFTER.multipliedBy(2));

		assertThat(this.idleHeapReturn.check()).isFalse();
		assertThat(this.heap.fullCollections).isZero();
	}

	@Test
	void zeroNeverStartsChecking() throws InterruptedException {
		IdleHeapReturn on = new IdleHeapReturn(Duration.ofMillis(300), this.heap, Clock.systemUTC());
		on.start();
		Thread.sleep(500);
		on.close();
		int readsWhenOn = this.heap.reads;
		IdleHeapReturn off = new IdleHeapReturn(Duration.ZERO, this.heap, Clock.systemUTC());
		off.start();
		Thread.sleep(500);
		off.close();

		assertThat(readsWhenOn).as("checks every 100 ms when on").isPositive();
		assertThat(this.heap.reads).as("no check when off").isEqualTo(readsWhenOn);
	}

	private void later(Duration duration) {
		this.clock.advance(duration);
	}

	private static final class FakeHeap implements IdleHeapReturn.Heap {

		long collections = 7;

		int fullCollections;

		volatile int reads;

		MemoryUsage usage = new MemoryUsage(64 * MIB, 40 * MIB, 64 * MIB, 256 * MIB);

		void grownByABurst() {
			this.usage = new MemoryUsage(64 * MIB, 120 * MIB, 246 * MIB, 256 * MIB);
		}

		@Override
		public long collections() {
			this.reads++;
			return this.collections;
		}

		@Override
		public MemoryUsage usage() {
			return this.usage;
		}

		@Override
		public void collect() {
			this.fullCollections++;
			this.collections += 2;
			this.usage = new MemoryUsage(64 * MIB, 37 * MIB, 88 * MIB, 256 * MIB);
		}

	}

}
