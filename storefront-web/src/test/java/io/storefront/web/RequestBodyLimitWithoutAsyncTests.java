package io.storefront.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.storefront.problem.RequestFilterOrder;

import static io.storefront.web.OrdersAtTheLimit.assertServed;
import static io.storefront.web.OrdersAtTheLimit.assertTooLarge;
import static io.storefront.web.OrdersAtTheLimit.order;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that cannot go asynchronous (a filter or servlet without async support ahead
 * of {@code RequestBodyDeadlineFilter}) is not received by it: the deadline filter passes
 * it on as it is, and Spring MVC reads the body on the request's thread. The size limit
 * still holds there: {@code RequestBodyLimitFilter} counts a chunked body as it is read,
 * and that count is the only check on this path.
 */
@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json",
				"storefront.web.max-request-body=" + RequestBodyLimitWithoutAsyncTests.LIMIT + "B" })
@Import(RequestBodyLimitWithoutAsyncTests.SynchronousOnly.class)
class RequestBodyLimitWithoutAsyncTests {

	static final int LIMIT = 64 * 1024;

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	SynchronousOnlyFilter synchronousOnly;

	private int passedBefore;

	@BeforeEach
	void countFromHere() {
		this.passedBefore = this.synchronousOnly.passed.get();
	}

	@Test
	void aChunkedBodyOverTheLimitIs413WhenTheRequestCannotGoAsynchronous() throws Exception {
		HttpResponse<String> response = postChunked(order(LIMIT + 1));

		assertTooLarge(response, LIMIT);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertPassedTheSynchronousOnlyFilter();
	}

	@Test
	void aChunkedBodyOfTheLimitIsServedWhenTheRequestCannotGoAsynchronous() throws Exception {
		HttpResponse<String> response = postChunked(order(LIMIT));

		assertServed(response);
		assertPassedTheSynchronousOnlyFilter();
	}

	@Test
	void aDeclaredBodyOneByteOverTheLimitIs413WhenTheRequestCannotGoAsynchronous() throws Exception {
		HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(order(LIMIT + 1)));

		assertTooLarge(response, LIMIT);
	}

	@Test
	void aDeclaredBodyOfTheLimitIsServedWhenTheRequestCannotGoAsynchronous() throws Exception {
		HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(order(LIMIT)));

		assertServed(response);
		assertPassedTheSynchronousOnlyFilter();
	}

	/**
	 * The request met the synchronous-only filter on its first dispatch, so before the
	 * deadline filter: had it come after, the deadline filter would have received the
	 * body asynchronously, and the tests above would pass on the other path.
	 */
	private void assertPassedTheSynchronousOnlyFilter() {
		assertThat(this.synchronousOnly.passed.get() - this.passedBefore)
			.as("requests the synchronous-only filter passed")
			.isEqualTo(1);
	}

	/** The body of unknown length: the client sends it chunked. */
	private HttpResponse<String> postChunked(byte[] body) throws Exception {
		return post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
	}

	private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/orders"))
			.header("Content-Type", "application/json")
			.POST(body)
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A filter without async support, right ahead of the deadline filter: from it on,
	 * Tomcat says the request cannot go asynchronous.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class SynchronousOnly {

		@Bean
		SynchronousOnlyFilter synchronousOnlyFilter() {
			return new SynchronousOnlyFilter();
		}

		@Bean
		FilterRegistrationBean<SynchronousOnlyFilter> synchronousOnlyRegistration(SynchronousOnlyFilter filter) {
			FilterRegistrationBean<SynchronousOnlyFilter> registration = new FilterRegistrationBean<>(filter);
			registration.setAsyncSupported(false);
			// may share its place with the body limit's: either way it is ahead of the
			// deadline filter, and the limit's count sees the same stream
			registration.setOrder(RequestFilterOrder.BODY_DEADLINE - 1);
			return registration;
		}

	}

	/** Passes every request on, counting them: on their first dispatch only. */
	static final class SynchronousOnlyFilter implements Filter {

		final AtomicInteger passed = new AtomicInteger();

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			this.passed.incrementAndGet();
			chain.doFilter(request, response);
		}

	}

}
