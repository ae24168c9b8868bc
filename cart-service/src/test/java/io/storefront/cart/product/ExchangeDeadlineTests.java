package io.storefront.cart.product;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExchangeDeadlineTests {

	private HttpServer server;

	private ExchangeDeadline deadline;

	private CloseableHttpClient client;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
		this.server.createContext("/held", (exchange) -> {
			exchange.sendResponseHeaders(200, 2);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write('x');
				body.flush();
				Thread.sleep(10_000);
				body.write('x');
			}
			catch (InterruptedException | IOException ex) {
				// the client went away
			}
		});
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.start();
		this.deadline = new ExchangeDeadline();
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnPerRoute(1).build())
			.addExecInterceptorFirst(ExchangeDeadline.NAME, this.deadline)
			.disableAutomaticRetries()
			.build();
	}

	@AfterEach
	void stop() throws IOException {
		this.client.close();
		this.deadline.close();
		this.server.stop(0);
	}

	/**
	 * The pool's lease, aborted, throws an unchecked CancellationException, which the
	 * RestClient would pass on as it is: a 500 instead of a timed-out lookup.
	 */
	@Test
	void anExchangeStillWaitingForAPooledConnectionAtItsDeadlineFailsWithAnIOException() throws IOException {
		URI held = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/held");
		try (ClassicHttpResponse holding = this.client.executeOpen(null, new HttpGet(held), limitedTo(10_000))) {
			long started = System.nanoTime();

			assertThatThrownBy(() -> this.client.executeOpen(null, new HttpGet(held), limitedTo(300)).close())
				.isInstanceOf(InterruptedIOException.class);

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
	}

	/** Only the deadline can end the wait: the pool would wait far longer. */
	private static HttpClientContext limitedTo(long millis) {
		HttpClientContext context = HttpClientContext.create();
		context.setRequestConfig(RequestConfig.custom()
			.setResponseTimeout(Timeout.ofMilliseconds(millis))
			.setConnectionRequestTimeout(Timeout.ofMinutes(1))
			.build());
		return context;
	}

}
