package io.storefront.db.startup;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.storefront.db.cause.CauseChain;

/**
 * Reports a {@link StartupFailureException}, a setting the binder refused, or a port
 * another process holds, as one log line, instead of Spring Boot's multi-line failure
 * analysis or a stack trace: the operator reads what to fix and nothing else.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StartupFailureReporter implements SpringBootExceptionReporter {

	private static final Logger logger = LoggerFactory.getLogger(StartupFailureReporter.class);

	private final ConfigurableApplicationContext context;

	public StartupFailureReporter(ConfigurableApplicationContext context) {
		this.context = context;
	}

	@Override
	public boolean reportException(Throwable failure) {
		Optional<String> reason = CauseChain.find(failure, StartupFailureException.class)
			.map(Throwable::getMessage)
			.or(() -> PropertyBindFailure.describe(failure))
			.or(() -> CauseChain.find(failure, PortInUseException.class)
				// Spring Boot names the main port also when it is the probe port that is
				// taken.
				.map((inUse) -> "port " + inUse.getPort() + " (PORT), or the probe port (STOREFRONT_WEB_PROBE_PORT) "
						+ "when one is set, is already in use by another process; stop it, or choose another port"));
		if (reason.isEmpty()) {
			return false;
		}
		logger.atError().log("{} cannot start: {}", serviceName(), reason.get());
		return true;
	}

	private String serviceName() {
		String name = (this.context != null) ? this.context.getEnvironment().getProperty("storefront.service.name")
				: null;
		return (name != null) ? name : "service";
	}

}
