package io.storefront.product.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * What the server sees of the service's sessions, read on an administrator's connection.
 */
final class Sessions {

	private Sessions() {
	}

	/**
	 * Waits for a session of {@code role}, other than {@code known}, to wait on a lock;
	 * returns its pid.
	 */
	static int awaitWaitingOnLock(Connection admin, String role, List<Integer> known) {
		int[] found = { 0 };
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
			List<Integer> waiting = waitingOnLock(admin, role);
			waiting.removeAll(known);
			if (waiting.isEmpty()) {
				return false;
			}
			found[0] = waiting.get(0);
			return true;
		});
		return found[0];
	}

	/** Sessions of {@code role} waiting on a lock right now. */
	static List<Integer> waitingOnLock(Connection admin, String role) throws SQLException {
		try (PreparedStatement statement = admin.prepareStatement("""
				SELECT pid FROM pg_stat_activity
				WHERE usename = ? AND wait_event_type = 'Lock'
				ORDER BY backend_start
				""")) {
			statement.setString(1, role);
			List<Integer> pids = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					pids.add(rows.getInt(1));
				}
			}
			return pids;
		}
	}

}
