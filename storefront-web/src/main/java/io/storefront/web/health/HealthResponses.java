package io.storefront.web.health;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.storefront.db.health.OperationReport;
import io.storefront.db.pool.PoolSnapshot;

/** The JSON bodies of contract section 3, field for field. */
final class HealthResponses {

	private HealthResponses() {
	}

	record Basic(String status, String service, String version, Database database) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Database(String status, @JsonProperty("database_name") String databaseName, String error) {
	}

	record Detailed(java.math.BigDecimal timestamp, String service, @JsonProperty("database_name") String databaseName,
			@JsonProperty("overall_status") String overallStatus, @JsonProperty("pool_status") Pool poolStatus,
			@JsonProperty("operation_tests") Operations operationTests,
			@JsonProperty("database_info") DatabaseInfo databaseInfo, Map<String, String> errors) {
	}

	record Pool(@JsonProperty("pool_size") int poolSize, @JsonProperty("max_overflow") int maxOverflow,
			@JsonProperty("maximum_pool_size") int maximumPoolSize,
			@JsonProperty("checked_in_connections") int checkedIn,
			@JsonProperty("checked_out_connections") int checkedOut, @JsonProperty("overflow_connections") int overflow,
			@JsonProperty("total_connections") int total,
			@JsonProperty("threads_awaiting_connection") int threadsAwaitingConnection,
			@JsonProperty("connection_timeouts") long connectionTimeouts) {

		static Pool of(PoolSnapshot snapshot) {
			return new Pool(snapshot.poolSize(), snapshot.maxOverflow(), snapshot.maximumPoolSize(),
					snapshot.checkedIn(), snapshot.checkedOut(), snapshot.overflow(), snapshot.total(),
					snapshot.threadsAwaitingConnection(), snapshot.connectionTimeouts());
		}

	}

	record Operations(@JsonProperty("connection_test") boolean connectionTest,
			@JsonProperty("read_test") boolean readTest, @JsonProperty("write_test") boolean writeTest,
			@JsonProperty("transaction_test") boolean transactionTest) {
	}

	/**
	 * The server's own figures, read on the server whatever sits in between;
	 * {@code pooler} says what does ({@code none} or {@code pgbouncer}). While the server
	 * could not be read, the figures are {@code null}, not zeros that would read as
	 * facts.
	 */
	record DatabaseInfo(@JsonProperty("database_version") String databaseVersion,
			@JsonProperty("database_name") String databaseName,
			@JsonProperty("active_connections") Integer activeConnections,
			@JsonProperty("service_connections") Integer serviceConnections,
			@JsonProperty("server_connections") Integer serverConnections,
			@JsonProperty("max_connections") Integer maxConnections,
			@JsonProperty("reserved_connections") Integer reservedConnections, String pooler) {

		static DatabaseInfo of(OperationReport.ServerInfo server, String databaseName, String pooler) {
			if (server.version() == null) {
				return new DatabaseInfo(null, databaseName, null, null, null, null, null, pooler);
			}
			return new DatabaseInfo(server.version(), server.databaseName(), server.activeConnections(),
					server.serviceConnections(), server.serverConnections(), server.maxConnections(),
					server.reservedConnections(), pooler);
		}

	}

	record Live(String status, String service) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Ready(String status, String service, Database database, String migrations) {
	}

}
