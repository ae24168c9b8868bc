package io.storefront.web;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import io.storefront.web.tomcat.BoundedRequestExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tomcat runs requests on the bounded virtual-thread executor, not Spring Boot's
 * unbounded one, and holds a bounded number of connections.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json" })
class RequestExecutorTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void requestsRunOnTheBoundedExecutor() {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();

		assertThat(connector.getProtocolHandler().getExecutor()).isInstanceOf(BoundedRequestExecutor.class);
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
