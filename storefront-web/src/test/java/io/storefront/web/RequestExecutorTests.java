package io.storefront.web;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import io.storefront.web.tomcat.BoundedRequestExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tomcat runs requests on the bounded virtual-thread executor, not Spring Boot's
 * unbounded one, bounded to {@code storefront.web.max-concurrent-requests}, and holds a
 * bounded number of connections.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json",
				"storefront.web.max-concurrent-requests=" + RequestExecutorTests.LIMIT })
class RequestExecutorTests {

	/** Not the default (256), so that the setting is seen to reach the executor. */
	static final int LIMIT = 3;

	@Autowired
	WebServerApplicationContext context;

	/**
	 * The executor Tomcat was given runs at most the configured number of tasks at once
	 * (not Spring Boot's unbounded one, nor a bounded one that ignores the setting): with
	 * every turn held, the next task waits.
	 */
	@Test
	void requestsRunOnTheBoundedExecutorWithTheConfiguredLimit() throws InterruptedException {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		Executor executor = connector.getProtocolHandler().getExecutor();
		assertThat(executor).isInstanceOf(BoundedRequestExecutor.class);
		BoundedRequestExecutor bounded = (BoundedRequestExecutor) executor;
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger running = new AtomicInteger();
		CountDownLatch finished = new CountDownLatch(LIMIT + 1);
		try {
			for (int i = 0; i < LIMIT + 1; i++) {
				bounded.execute(() -> {
					running.incrementAndGet();
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					finished.countDown();
				});
			}

			await().atMost(Duration.ofSeconds(10)).until(() -> running.get() >= LIMIT);
			assertThat(bounded.waiting()).as("tasks waiting beyond the limit of %d", LIMIT).isOne();
			assertThat(running).as("tasks started").hasValue(LIMIT);
		}
		finally {
			release.countDown();
		}
		assertThat(finished.await(10, TimeUnit.SECONDS)).as("the waiting task ran once a turn was free").isTrue();
		assertThat(bounded.waiting()).isZero();
	}

	/**
	 * A client holding thousands of half-sent requests filled the heap at Tomcat's
	 * default of 8192 connections (docs/abuse-limits.md).
	 */
	@Test
	void openConnectionsAreCappedBelowWhatTheHeapHolds() {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();

		assertThat(((AbstractProtocol<?>) connector.getProtocolHandler()).getMaxConnections()).isEqualTo(2048);
		assertThat(((AbstractProtocol<?>) connector.getProtocolHandler()).getAcceptCount()).isEqualTo(1024);
	}

}
