package io.storefront.cart.product;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code GET /products/{id}} against the product service, nothing more: no retry, no breaker (see
 * {@link ProductCatalog}). The whole exchange, body included, must finish within the given time. The
 * request carries no credentials: the product read is public, and the user's token is not passed on.
 */
class ProductHttp {

	/** What {@code cart_items.unit_price numeric(12,2)} can hold. */
	private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

	static final int MAX_NAME_LENGTH = 1000;

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private final HttpClient client;

	private final ProductServiceUrl url;

	private final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	ProductHttp(HttpClient client, ProductServiceUrl url) {
		this.client = client;
		this.url = url;
	}

	/**
	 * @return the product, or empty when the product service says there is no such product (404)
	 * @throws ProductServiceFailure when it cannot be reached, is too slow, or answers 5xx/429
	 * @throws ProductAnswerException when it answers with anything else the cart cannot use
	 */
	Optional<Product> fetch(long productId, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(this.url.product(productId))
			.timeout(timeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<String> response = send(request, timeout);
		int status = response.statusCode();
		if (status == 200) {
			return Optional.of(parse(productId, response.body()));
		}
		if (status == 404) {
			return Optional.empty();
		}
		if (status >= 500 || status == 429) {
			throw new ProductServiceFailure("answered " + status, null);
		}
		throw new ProductAnswerException("answered " + status + " to GET /products/" + productId);
	}

	private HttpResponse<String> send(HttpRequest request, Duration timeout) {
		CompletableFuture<HttpResponse<String>> exchange = this.client.sendAsync(request,
				HttpResponse.BodyHandlers.ofString());
		try {
			return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			exchange.cancel(true);
			throw new ProductServiceFailure("did not answer within " + timeout.toMillis() + " ms", null);
		}
		catch (InterruptedException ex) {
			exchange.cancel(true);
			Thread.currentThread().interrupt();
			throw new ProductServiceFailure("the call was interrupted", ex).withoutRetry();
		}
		catch (ExecutionException ex) {
			throw new ProductServiceFailure(describe(ex.getCause(), timeout), ex.getCause());
		}
	}

	private static String describe(Throwable cause, Duration timeout) {
		if (cause instanceof HttpConnectTimeoutException) {
			return "could not be connected to in time";
		}
		if (cause instanceof HttpTimeoutException) {
			// The request's own timeout, which races with the wait in send(): the same limit.
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

	private Product parse(long productId, String body) {
		ProductBody product;
		try {
			product = this.json.readValue(body, ProductBody.class);
		}
		catch (JacksonException ex) {
			throw new ProductAnswerException("answered GET /products/" + productId + " with a body that is not a product");
		}
		if (product == null || product.id() == null || product.id() != productId) {
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
		return new Product(productId, product.name(), product.price().setScale(2, RoundingMode.UNNECESSARY),
				product.currency(), product.stock());
	}

	private static ProductAnswerException invalid(long productId, String field) {
		return new ProductAnswerException(
				"answered GET /products/" + productId + " with a product whose " + field + " is missing or invalid");
	}

	/** The fields of the product representation the cart reads; the others are ignored. */
	record ProductBody(Long id, String name, BigDecimal price, String currency, Long stock) {
	}

}
