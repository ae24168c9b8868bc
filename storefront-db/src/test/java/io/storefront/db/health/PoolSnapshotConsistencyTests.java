package io.storefront.db.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.db.pool.PoolSnapshot;
import io.storefront.db.pool.StorefrontPool;
import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pool_status} is one consistent reading even while connections change hands all
 * the time: checked in + checked out = total, and the total never exceeds pool size + max
 * overflow (10 + 20 here). Counting in-use and idle connections one after the other once
 * reported 31 of at most 30, when a connection was returned between the two counts.
 */
class PoolSnapshotConsistencyTests extends RunningSampleService {

	private static final int BORROWERS = 40;

	private static final int SNAPSHOTS = 200_000;

	/**
	 * Long enough that the pool grows to its maximum, short enough that connections
	 * change hands constantly.
	 */
	private static final long HOLD_NANOS = Duration.ofNanos(50_000).toNanos();

	private static final Duration AT_MOST = Duration.ofSeconds(20);

	@Autowired
	private DataSource dataSource;

	@Autowired
	private StorefrontPool pool;

	@Test
	void snapshotsTakenWhileThePoolChurnsAreConsistentAndWithinTheMaximum() throws Exception {
		openEveryConnection();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicLong borrows = new AtomicLong();
		List<Thread> borrowers = new ArrayList<>();
		for (int i = 0; i < BORROWERS; i++) {
			borrowers.add(Thread.ofPlatform().name("borrower-" + i).start(() -> {
				while (!stop.get()) {
					try (Connection connection = this.dataSource.getConnection()) {
						borrows.incrementAndGet();
						LockSupport.parkNanos(HOLD_NANOS);
					}
					catch (SQLException ex) {
						// A wait that timed out under this contention is no failure of
						// the snapshot.
					}
				}
			}));
		}
		List<String> inconsistent = new ArrayList<>();
		int maxTotal = 0;
		int taken = 0;
		long deadline = System.nanoTime() + AT_MOST.toNanos();
		try {
			while (taken < SNAPSHOTS && System.nanoTime() < deadline) {
				PoolSnapshot pool = this.pool.metadata().snapshot();
				taken++;
				maxTotal = Math.max(maxTotal, pool.total());
				boolean consistent = pool.checkedIn() >= 0 && pool.checkedOut() >= 0
						&& pool.checkedIn() + pool.checkedOut() == pool.total()
						&& pool.total() <= pool.maximumPoolSize() && pool.overflow() <= pool.maxOverflow();
				if (!consistent && inconsistent.size() < 10) {
					inconsistent.add(pool.toString());
				}
			}
		}
		finally {
			stop.set(true);
			for (Thread borrower : borrowers) {
				borrower.join(Duration.ofSeconds(30));
			}
		}

		System.out.printf("%d snapshots, %d borrows, highest total %d%n", taken, borrows.get(), maxTotal);
		assertThat(borrows.get()).as("the pool churned").isGreaterThan(1000);
		assertThat(inconsistent).as("inconsistent snapshots of %d", taken).isEmpty();
		assertThat(maxTotal).as("the pool was at its maximum")
			.isEqualTo(this.pool.metadata().snapshot().maximumPoolSize());
	}

	/**
	 * Overflow connections stay open for the overflow idle timeout (30 s), so the churn
	 * runs at the maximum.
	 */
	private void openEveryConnection() throws SQLException {
		List<Connection> held = new ArrayList<>();
		try {
			for (int i = 0; i < this.pool.metadata().snapshot().maximumPoolSize(); i++) {
				held.add(this.dataSource.getConnection());
			}
		}
		finally {
			for (Connection connection : held) {
				connection.close();
			}
		}
	}

}
