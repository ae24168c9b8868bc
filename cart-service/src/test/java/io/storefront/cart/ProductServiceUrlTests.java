package io.storefront.cart;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.storefront.cart.product.ProductServiceUrl;
import io.storefront.cart.support.ServiceStarts;
import io.storefront.db.config.InvalidSettingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductServiceUrlTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
			NULL                          | http://localhost:8002/products/42
			'   '                         | http://localhost:8002/products/42
			http://product:8002           | http://product:8002/products/42
			http://product:8002/          | http://product:8002/products/42
			https://shop.example/api/     | https://shop.example/api/products/42
			' http://10.0.0.5:9000 '      | http://10.0.0.5:9000/products/42
			HTTP://product:65535          | HTTP://product:65535/products/42
			http://[::1]:8002             | http://[::1]:8002/products/42
			""")
	void acceptedUrlsAndWhereAProductIsFetched(String value, String productUrl) {
		assertThat(ProductServiceUrl.parse(value).product(42)).hasToString(productUrl);
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost:8002", "ftp://product:21", "product-service", "http://", "http:/product",
			"http://product:8002/?debug=1", "http://product:8002/#top", "http://exa mple.com", "mailto:ops@example.com",
			"http://localhost:99999", "http://localhost:65536", "http://localhost:0", "http://product:99999999999",
			"http://:8002", "http:///products", "http://product_service:8002" })
	void refusedUrlsNameTheVariable(String value) {
		assertThatThrownBy(() -> ProductServiceUrl.parse(value)).isInstanceOf(InvalidSettingException.class)
			.hasMessageContaining("PRODUCT_SERVICE_URL")
			.satisfies((ex) -> assertThat(((InvalidSettingException) ex).variable()).isEqualTo("PRODUCT_SERVICE_URL"));
	}

	@Test
	void credentialsInTheUrlAreRefusedWithoutBeingEchoed() {
		assertThatThrownBy(() -> ProductServiceUrl.parse("http://admin:s3cret@product:8002"))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessageContaining("PRODUCT_SERVICE_URL")
			.hasMessageNotContaining("s3cret");
	}

	/**
	 * The JDK's HTTP client refuses such a port on every call, which cart answered with a
	 * 500 for every change to a cart.
	 */
	@Test
	void aPortOutOfRangeIsRefusedSayingSo() {
		assertThatThrownBy(() -> ProductServiceUrl.parse("http://localhost:99999"))
			.isInstanceOf(InvalidSettingException.class)
			.hasMessage("invalid configuration: PRODUCT_SERVICE_URL has a port that is not a number from 1 to 65535"
					+ " (got \"http://localhost:99999\")");
	}

	@Test
	void theServiceDoesNotStartWithAProductServicePortOutOfRange() {
		InvalidSettingException refused = ServiceStarts
			.refusedStart(Map.of("PRODUCT_SERVICE_URL", "http://localhost:99999"));

		assertThat(refused.variable()).isEqualTo("PRODUCT_SERVICE_URL");
	}

	@Test
	void theServiceDoesNotStartWithAnUnusableProductServiceUrl() {
		InvalidSettingException refused = ServiceStarts.refusedStart(Map.of("PRODUCT_SERVICE_URL", "ftp://product:21"));

		assertThat(refused.variable()).isEqualTo("PRODUCT_SERVICE_URL");
		assertThat(refused).hasMessageContaining("ftp://product:21");
	}

}
