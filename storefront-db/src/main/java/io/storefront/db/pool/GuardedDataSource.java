package io.storefront.db.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool as the application sees it: fails fast while the database is known to be down (a
 * breaker fed by the monitor's probes) and reports borrows, returns and pool timeouts to the
 * monitor, which sizes the idle reserve and logs the pressure.
 */
public class GuardedDataSource extends DelegatingDataSource {

	private final DatabaseAvailability availability;

	public GuardedDataSource(DataSource pool, DatabaseAvailability availability) {
		super(pool);
		this.availability = availability;
	}

	@Override
	public Connection getConnection() throws SQLException {
		Optional<String> outage = this.availability.knownOutage();
		if (outage.isPresent()) {
			throw new DatabaseUnavailableException(outage.get());
		}
		Connection connection;
		try {
			connection = super.getConnection();
		}
		catch (SQLTransientConnectionException ex) {
			this.availability.connectionTimedOut();
			throw ex;
		}
		this.availability.connectionBorrowed();
		return ReturnNotifyingConnection.wrap(connection, this.availability::connectionReturned);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		throw new SQLException("the pool's credentials are fixed; use getConnection()");
	}

}
