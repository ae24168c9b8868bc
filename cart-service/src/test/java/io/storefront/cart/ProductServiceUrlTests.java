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
			""")
	void acceptedUrlsAndWhereAProductIsFetched(String value, String productUrl) {
		assertThat(ProductServiceUrl.parse(value).product(42)).hasToString(productUrl);
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost:8002", "ftp://product:21", "product-service", "http://", "http:/product",
			"http://product:8002/?debug=1", "http://product:8002/#top", "http://exa mple.com",
			"mailto:ops@example.com" })
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

	@Test
	void theServiceDoesNotStartWithAnUnusableProductServiceUrl() {
		InvalidSettingException refused = ServiceStarts.refusedStart(Map.of("PRODUCT_SERVICE_URL", "ftp://product:21"));

		assertThat(refused.variable()).isEqualTo("PRODUCT_SERVICE_URL");
		assertThat(refused).hasMessageContaining("ftp://product:21");
	}

}
