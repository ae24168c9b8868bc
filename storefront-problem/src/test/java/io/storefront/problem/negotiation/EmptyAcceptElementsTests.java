package io.storefront.problem.negotiation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmptyAcceptElementsTests {

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(
			strings = { "text/plain,", ", text/plain", "text/plain, ,application/json", ",", "", " ", "text/plain,\t" })
	void anElementOfWhiteSpaceOnlyIsFound(String accept) {
		assertThat(EmptyAcceptElements.hasEmptyElement(accept)).isTrue();
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "*/*", "application/json", "text/html, application/xhtml+xml;q=0.9, */*;q=0.8",
			" text/plain ", "a,b" })
	void valuesWithoutEmptyElementsHaveNone(String accept) {
		assertThat(EmptyAcceptElements.hasEmptyElement(accept)).isFalse();
	}

}
