package io.storefront.cart.product;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.HttpClient;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

import io.storefront.web.etag.VersionTag;

/**
 * One {@code GET /products/{id}} against the product service, nothing more: no retry, no
 * breaker (see {@link ProductCatalog}). The whole exchange, body included, must finish
 * within the given time: the request factory's read timeout is the exchange's response
 * timeout, which the client's {@link ExchangeDeadline} enforces on the whole exchange,
 * not only on each read. The request carries no credentials: the product read is public,
 * and the user's token is not passed on.
 * <p>
 * Calls go through Spring's {@link RestClient} made from Boot's builder, so they use
 * Boot's JSON mapper, are timed in {@code http_client_requests} (by the URI template, not
 * each id) and carry the trace context. Under it, Apache HttpClient blocks on the
 * caller's thread and keeps its HTTP/1.1 connections open between calls, in its own pool.
 */
class ProductHttp {

	/** What {@code cart_items.unit_price numeric(12,2)} can hold. */
	private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

	static final int MAX_NAME_LENGTH = 1000;

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private static final String PRODUCT = "/products/{id}";

	private final RestClient.Builder builder;

	private final HttpClient client;

	private final Duration usualTimeout;

	private final RestClient usual;

	/**
	 * @param builder configured with the base URL; each timeout needs a client of its own
	 * @param usualTimeout the timeout of a first attempt, which gets a client made once
	 */
	ProductHttp(RestClient.Builder builder, HttpClient client, Duration usualTimeout) {
		this.builder = builder;
		this.client = client;
		this.usualTimeout = usualTimeout;
		this.usual = withTimeout(usualTimeout);
	}

	/**
	 * @return the product, or empty when the product service says there is no such
	 * product (404)
	 * @throws ProductServiceFailure when it cannot be reached, is too slow, or answers
	 * 5xx/429
	 * @throws ProductAnswerException when it answers with anything else the cart cannot
	 * use
	 */
	Optional<Product> fetch(long productId, Duration timeout) {
		// A retry has what is left of the lookup's budget: rare enough to make its client
		// then.
		RestClient rest = timeout.equals(this.usualTimeout) ? this.usual : withTimeout(timeout);
		long deadline = System.nanoTime() + timeout.toNanos();
		Answer answer;
		try {
			answer = rest.get()
				.uri(PRODUCT, productId)
				.accept(MediaType.APPLICATION_JSON)
				.exchange((request, response) -> {
					int status = response.getStatusCode().value();
					if (status == 200) {
						return new Answer(readBody(productId, response, timeout, deadline),
								response.getHeaders().getFirst(HttpHeaders.ETAG));
					}
					if (status == 404) {
						return null;
					}
					if (status >= 500 || status == 429) {
						throw new ProductServiceFailure("answered " + status, null);
					}
					throw new ProductAnswerException("answered " + status + " to GET /products/" + productId);
				});
		}
		catch (ResourceAccessException ex) {
			throw new ProductServiceFailure(describe(ex.getCause(), timeout, deadline), ex.getCause());
		}
		catch (RestClientException ex) {
			throw notAProduct(productId);
		}
		return Optional.ofNullable(answer).map((served) -> validate(productId, served));
	}

	private RestClient withTimeout(Duration timeout) {
		HttpComponentsClientHttpRequestFactory requests = new HttpComponentsClientHttpRequestFactory(this.client);
		requests.setReadTimeout(timeout);
		return this.builder.clone()
			.requestFactory(requests)
			.requestInterceptor((request, body, execution) -> new BoundedAnswer(execution.execute(request, body)))
			.build();
	}

	private static ProductBody readBody(long productId, ConvertibleClientHttpResponse response, Duration timeout,
			long deadline) {
		try {
			ProductBody body = response.bodyTo(ProductBody.class);
			if (body == null) {
				throw notAProduct(productId);
			}
			return body;
		}
		catch (RestClientException ex) {
			// The body stopped coming (the deadline closed it, or the connection broke):
			// a failure that may pass, not an answer the product service meant to give.
			IOException broken = ioCause(ex);
			if (broken instanceof BoundedAnswer.TooLargeException) {
				throw new ProductAnswerException("answered GET /products/" + productId + " with a body larger than "
						+ BoundedAnswer.MAX_BYTES + " bytes");
			}
			if (broken != null) {
				throw new ProductServiceFailure(describe(broken, timeout, deadline), broken);
			}
			throw notAProduct(productId);
		}
	}

	private static IOException ioCause(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException io) {
				return io;
			}
		}
		return null;
	}

	/**
	 * An exchange aborted at its deadline fails with whatever the closed connection gave
	 * the reading thread: past the deadline, that is a timeout.
	 */
	private static String describe(Throwable cause, Duration timeout, long deadline) {
		if (cause instanceof ConnectTimeoutException) {
			return "could not be connected to in time";
		}
		if (System.nanoTime() - deadline >= 0 || cause instanceof SocketTimeoutException) {
			return "did not answer within " + timeout.toMillis() + " ms";
		}
		if (cause instanceof ConnectException) {
			return "refused the connection";
		}
		if (cause instanceof IOException) {
			return "broke off the exchange";
		}
		return "could not be called";
	}

	private static Product validate(long productId, Answer answer) {
		ProductBody product = answer.body();
		if (product.id() == null || product.id() != productId) {
			throw invalid(productId, "id");
		}
		if (product.name() == null || product.name().isBlank() || product.name().length() > MAX_NAME_LENGTH) {
			throw invalid(productId, "name");
		}
		if (product.price() == null || product.price().signum() < 0 || product.price().compareTo(MAX_PRICE) > 0
				|| product.price().stripTrailingZeros().scale() > 2) {
			throw invalid(productId, "price");
		}
		if (product.currency() == null || !CURRENCY.matcher(product.currency()).matches()) {
			throw invalid(productId, "currency");
		}
		if (product.stock() == null || product.stock() < 0) {
			throw invalid(productId, "stock");
		}
		long version = VersionTag.weak(answer.entityTag()).orElseThrow(() -> invalid(productId, "ETag"));
		return new Product(productId, version, product.name(), product.price().setScale(2, RoundingMode.UNNECESSARY),
				product.currency(), product.stock());
	}

	private static ProductAnswerException notAProduct(long productId) {
		return new ProductAnswerException("answered GET /products/" + productId + " with a body that is not a product");
	}

	private static ProductAnswerException invalid(long productId, String field) {
		return new ProductAnswerException(
				"answered GET /products/" + productId + " with a product whose " + field + " is missing or invalid");
	}

	/**
	 * The fields of the product representation the cart reads; the others are ignored.
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ProductBody(Long id, String name, BigDecimal price, String currency, Long stock) {
	}

	/** A 200's body and its {@code ETag} header, which carries the product's version. */
	private record Answer(ProductBody body, String entityTag) {
	}

}
