package io.storefront.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

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

	@Test
	void aChunkedBodyOverTheLimitIs413WhenTheRequestCannotGoAsynchronous() throws Exception {
		HttpResponse<String> response = postChunked(order(LIMIT + 1));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"detail\":\"the request body is larger than " + LIMIT + " bytes\"");
	}

	@Test
	void aChunkedBodyOfTheLimitIsServedWhenTheRequestCannotGoAsynchronous() throws Exception {
		HttpResponse<String> response = postChunked(order(LIMIT));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.body()).contains("\"quantity\":2");
	}

	/** A valid order padded with spaces to {@code size} bytes. */
	private static byte[] order(int size) {
		String order = "{\"product_name\":\"x\",\"quantity\":2}";
		return (order + " ".repeat(size - order.length())).getBytes(StandardCharsets.US_ASCII);
	}

	/** The body of unknown length: the client sends it chunked. */
	private HttpResponse<String> postChunked(byte[] body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/orders"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A filter without async support, ahead of the deadline filter: from it on, Tomcat
	 * says the request cannot go asynchronous.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class SynchronousOnly {

		@Bean
		FilterRegistrationBean<Filter> synchronousOnlyFilter() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
					(request, response, chain) -> chain.doFilter(request, response));
			registration.setAsyncSupported(false);
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
			return registration;
		}

	}

}
