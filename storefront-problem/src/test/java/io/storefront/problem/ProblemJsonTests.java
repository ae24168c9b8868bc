package io.storefront.problem;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.http.MockHttpOutputMessage;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemJsonTests {

	@Test
	void aProblemIsWrittenAsSpringMvcWritesIt() throws IOException {
		ProblemDetail problem = Problems
			.at(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "the request body is larger than 10 bytes"), "/orders");

		assertThat(ProblemJson.of(problem)).isEqualTo(writtenBySpringMvc(problem))
			.isEqualTo("{\"detail\":\"the request body is larger than 10 bytes\",\"instance\":\"/orders\","
					+ "\"status\":413,\"title\":\"Content Too Large\",\"type\":\"about:blank\"}");
	}

	@Test
	void quotesAndBackslashesAreEscapedAndAPathThatIsNoUriIsEncoded() {
		assertThat(ProblemJson.of(HttpStatus.BAD_REQUEST, "a \"quoted\" \\ path", "/a\"b\\c"))
			.contains("\"detail\":\"a \\\"quoted\\\" \\\\ path\"", "\"instance\":\"/a%22b%5Cc\"");
	}

	@Test
	void aRejectedRequestIsToldItsStatusOnly() {
		assertThat(ProblemJson.of(Problems.rejected(405, "PATCH"))).isEqualTo(
				"{\"detail\":\"the request was rejected: method not allowed\",\"status\":405,\"title\":\"Method Not Allowed\","
						+ "\"type\":\"about:blank\"}");
		assertThat(ProblemJson.of(Problems.rejected(599, "GET")))
			.isEqualTo("{\"detail\":\"an unexpected error occurred\",\"status\":599,\"title\":\"Error\","
					+ "\"type\":\"about:blank\"}");
	}

	private static String writtenBySpringMvc(ProblemDetail problem) throws IOException {
		MockHttpOutputMessage message = new MockHttpOutputMessage();
		new JacksonJsonHttpMessageConverter().write(problem, MediaType.APPLICATION_PROBLEM_JSON, message);
		return message.getBodyAsString();
	}

}
