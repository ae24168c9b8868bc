package io.storefront.product.catalog;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import io.storefront.product.ProductApiTestSupport;
import io.storefront.web.testing.ApiTraffic;
import io.storefront.web.text.DisplayText;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client reads beside the field a 422 names, in the words every service uses. Bean
 * Validation's defaults said "size must be between 0 and 5000" and "must not be null",
 * and a price sent as a string was told it "must be a valid number". One mistake is one
 * message: an empty name was told both its length and its pattern, a price of 1e400 both
 * its maximum and its digits. A price whose exponent no decimal can hold (1e-2147483648)
 * was told it "has an invalid value": it is told the bound it passed, and one that passes
 * two (-1e-2147483648: below 0, and with too many decimals) only the range's, as is any
 * number both out of range and with too many decimals (-0.001).
 */
@ExtendWith(ApiTraffic.Checked.class)
class FieldMessagesTests extends ProductApiTestSupport {

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			name        | NULL                  | is required
			stock       | NULL                  | is required
			sku         | '""'                  | must be 1 to 64 characters
			category    | '"{101}"'             | must be at most 100 characters
			name        | '"{201}"'             | must be at most 200 characters
			name        | '""'                  | NAME_MESSAGE
			category    | '""'                  | NAME_MESSAGE
			price       | 12345678901           | must be less than 10000000000
			price       | 1e400                 | must be less than 10000000000
			price       | 19.999                | must have at most 2 decimals
			price       | 1e2147483648          | must be less than 10000000000
			price       | -1e2147483648         | must be at least 0
			price       | 1e-2147483648         | must have at most 2 decimals
			price       | -1e-2147483648        | must be at least 0
			description | '"{5001}"'            | must be at most 5000 characters
			stock       | -1                    | must be at least 0
			stock       | 1000000001            | must be at most 1000000000
			stock       | 2147483648            | must be at most 1000000000
			price       | -0.01                 | must be at least 0
			price       | -0.001                | must be at least 0
			price       | 10000000000.001       | must be less than 10000000000
			price       | '"12.50"'             | must be a number, not a string
			stock       | '"5"'                 | must be a whole number, not a string
			stock       | 1.5                   | must be a whole number
			name        | 123                   | must be a string
			""")
	void aRefusedFieldIsToldWhatItMustBe(String field, String rawJson, String message) {
		HttpResponse<String> refused = send("POST", "/products", tokens.admin(),
				with(product(unique("MSG"), "Lamp", "Messages"), field, expand(rawJson)).toString());

		assertOneFieldProblem(refused, field, "NAME_MESSAGE".equals(message) ? DisplayText.NAME_MESSAGE : message);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			/products?limit=0          | limit    | must be at least 1
			/products?limit=101        | limit    | must be at most 100
			/products?offset=-1        | offset   | must be at least 0
			/products?q={201}          | q        | must be at most 200 characters
			/products?category={101}   | category | must be at most 100 characters
			/products/0                | id       | must be more than 0
			""")
	void aRefusedParameterIsToldWhatItMustBe(String path, String parameter, String message) {
		assertOneFieldProblem(get(expand(path)), parameter, message);
	}

	private static void assertOneFieldProblem(HttpResponse<String> refused, String field, String message) {
		assertProblem(refused, 422);
		JsonNode errors = body(refused).get("errors");
		assertThat(errors).as(refused.body()).hasSize(1);
		assertThat(errors.get(0).get("field").asString()).isEqualTo(field);
		assertThat(errors.get(0).get("message").asString()).isEqualTo(message);
	}

	/** {@code {N}} stands for N letters; {@code NULL} for JSON null. */
	private static String expand(String value) {
		if ("NULL".equals(value)) {
			return "null";
		}
		return java.util.regex.Pattern.compile("\\{(\\d+)}")
			.matcher(value)
			.replaceAll((number) -> "x".repeat(Integer.parseInt(number.group(1))));
	}

}
