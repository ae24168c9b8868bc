package io.storefront.problem.negotiation;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The reading of each {@code Accept} value is remembered: a value sent again is read as
 * it was the first time, whatever was sent in between. (What a reading accepts and
 * refuses is tested over HTTP, in storefront-web's {@code ProblemResponsesTests}.)
 */
class AcceptWithoutParametersTests {

	private final AcceptWithoutParameters negotiation = new AcceptWithoutParameters();

	@Test
	void aValueSentAgainIsReadAsTheFirstTime() throws Exception {
		for (int round = 0; round < 2; round++) {
			assertThat(read("application/json;charset=latin1, text/html;q=0.5"))
				.containsExactly(MediaType.APPLICATION_JSON, MediaType.parseMediaType("text/html;q=0.5"));
			assertThat(read("application/json")).containsExactly(MediaType.APPLICATION_JSON);
			assertThat(read()).containsExactly(MediaType.ALL);
			assertRefused("application/json;q=0");
		}
	}

	/** Every value counts, not the first alone. */
	@Test
	void valuesOfSeveralAcceptFieldsAreReadTogether() throws Exception {
		assertThat(read("text/html")).containsExactly(MediaType.TEXT_HTML);
		assertRefused("text/html;q=0", "application/json;q=0");
		assertThat(read("text/html;q=0", "application/json")).containsExactly(MediaType.APPLICATION_JSON);
		assertThat(read("text/html", "application/json;q=0")).containsExactly(MediaType.TEXT_HTML);
	}

	/** A reading is handed to every request with the same value. */
	@Test
	void aReadingCannotBeChangedByTheCodeItIsHandedTo() throws Exception {
		List<MediaType> reading = read("application/json");

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(reading::clear);
		assertThat(read("application/json")).containsExactly(MediaType.APPLICATION_JSON);
	}

	@Test
	void aClientSendingANewValueEveryTimeIsReadEveryTimeWithinBoundedMemory() throws Exception {
		for (int version = 0; version < 3 * AcceptWithoutParameters.REMEMBERED; version++) {
			assertThat(read("application/json;version=" + version)).containsExactly(MediaType.APPLICATION_JSON);
			assertThat(this.negotiation.remembered()).isLessThanOrEqualTo(AcceptWithoutParameters.REMEMBERED);
		}
	}

	private List<MediaType> read(String... accept) throws HttpMediaTypeNotAcceptableException {
		return this.negotiation.resolveMediaTypes(requestAccepting(accept));
	}

	private void assertRefused(String... accept) {
		assertThatExceptionOfType(HttpMediaTypeNotAcceptableException.class)
			.isThrownBy(() -> this.negotiation.resolveMediaTypes(requestAccepting(accept)));
	}

	private static NativeWebRequest requestAccepting(String... accept) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/products/1");
		for (String value : accept) {
			request.addHeader(HttpHeaders.ACCEPT, value);
		}
		return new ServletWebRequest(request);
	}

}
