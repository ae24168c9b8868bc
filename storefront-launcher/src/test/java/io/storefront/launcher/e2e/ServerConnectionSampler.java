package io.storefront.launcher.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts, every 100 ms, the server connections PostgreSQL holds on each database
 * ({@code pg_stat_activity}'s client backends of any role but the superuser's, which the
 * tests themselves use), and keeps the largest count seen per database.
 */
final class ServerConnectionSampler implements AutoCloseable {

	private final Map<String, Integer> largest = new ConcurrentHashMap<>();

	private final AtomicInteger samples = new AtomicInteger();

	private final AtomicReference<SQLException> failure = new AtomicReference<>();

	private final Thread thread;

	private volatile boolean running = true;

	private ServerConnectionSampler(String jdbcUrl, String user, String password, List<String> databases) {
		this.thread = Thread.ofPlatform().name("server-connection-sampler").daemon(true).start(() -> {
			try (Connection admin = DriverManager.getConnection(jdbcUrl, user, password);
					PreparedStatement count = admin.prepareStatement("""
							SELECT datname, count(*) FROM pg_stat_activity
							WHERE backend_type = 'client backend' AND datname = ANY (?) AND usename <> current_user
							GROUP BY datname""")) {
				count.setArray(1, admin.createArrayOf("text", databases.toArray()));
				while (this.running) {
					try (ResultSet rows = count.executeQuery()) {
						while (rows.next()) {
							this.largest.merge(rows.getString(1), rows.getInt(2), Math::max);
						}
					}
					this.samples.incrementAndGet();
					Thread.sleep(100);
				}
			}
			catch (SQLException ex) {
				this.failure.set(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	static ServerConnectionSampler start(String jdbcUrl, String user, String password, List<String> databases) {
		return new ServerConnectionSampler(jdbcUrl, user, password, databases);
	}

	/** Stops sampling; fails if sampling itself failed. */
	void stop() throws InterruptedException {
		this.running = false;
		this.thread.join(5000);
		if (this.failure.get() != null) {
			throw new AssertionError("sampling pg_stat_activity failed", this.failure.get());
		}
	}

	int largest(String database) {
		return this.largest.getOrDefault(database, 0);
	}

	int samples() {
		return this.samples.get();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(5000);
	}

}
