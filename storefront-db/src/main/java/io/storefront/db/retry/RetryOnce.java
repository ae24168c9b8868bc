package io.storefront.db.retry;

import java.util.function.Predicate;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.pool.CheckedBorrowing;
import io.storefront.db.pool.SqlErrors;

/**
 * Runs work, and once more when its failure is one the owner retries, logged and counted;
 * the owner decides what may run twice.
 */
final class RetryOnce {

	private final Logger logger;

	private final String service;

	private final String retried;

	private final Counter retries;

	/**
	 * @param retried what the log line says, e.g. "read retried once: its database
	 * connection was lost"
	 * @param metric the counter's name
	 */
	RetryOnce(Logger logger, ServiceIdentity service, String retried, MeterRegistry registry, String metric,
			String description) {
		this.logger = logger;
		this.service = service.name();
		this.retried = retried;
		this.retries = (registry != null) ? Counter.builder(metric).description(description).register(registry) : null;
	}

	/**
	 * Runs {@code work}; inside the caller's transaction only once, since a retry could
	 * not bring that transaction back.
	 */
	<T> T run(Supplier<T> work, Predicate<Throwable> retryable) {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				|| TransactionSynchronizationManager.isActualTransactionActive()) {
			return work.get();
		}
		try {
			return work.get();
		}
		catch (RuntimeException first) {
			if (!retryable.test(first)) {
				throw first;
			}
			this.logger.atInfo()
				.addKeyValue("pool", this.service)
				.addKeyValue("sql_state", SqlErrors.sqlState(first))
				.log("{} - {} ({})", this.service, this.retried, SqlErrors.shortReason(first));
			if (this.retries != null) {
				this.retries.increment();
			}
			try {
				return CheckedBorrowing.run(work);
			}
			catch (RuntimeException second) {
				second.addSuppressed(first);
				throw second;
			}
		}
	}

}
