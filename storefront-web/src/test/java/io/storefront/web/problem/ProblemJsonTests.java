package io.storefront.web.problem;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemJsonTests {

	@Test
	void aProblemHasTypeTitleStatusAndDetailInThatOrder() {
		assertThat(ProblemJson.of(HttpStatus.FORBIDDEN, "this token may not do that")).isEqualTo(
				"{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"this token may not do that\"}");
	}

	@Test
	void theInstanceComesLastAndOnlyWhenKnown() {
		assertThat(ProblemJson.of(HttpStatus.CONTENT_TOO_LARGE, "the request body is larger than 10 bytes", "/orders"))
			.isEqualTo("{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413,"
					+ "\"detail\":\"the request body is larger than 10 bytes\",\"instance\":\"/orders\"}");
		assertThat(ProblemJson.of(599, "Error", "an unexpected error occurred", null))
			.isEqualTo("{\"type\":\"about:blank\",\"title\":\"Error\",\"status\":599,"
					+ "\"detail\":\"an unexpected error occurred\"}");
	}

	@Test
	void quotesBackslashesAndControlCharactersAreEscaped() {
		assertThat(ProblemJson.of(HttpStatus.BAD_REQUEST, "a \"quoted\" \\ path", "/a\"b\\c\u0001"))
			.endsWith("\"detail\":\"a \\\"quoted\\\" \\\\ path\",\"instance\":\"/a\\\"b\\\\c\\u0001\"}");
	}

}
