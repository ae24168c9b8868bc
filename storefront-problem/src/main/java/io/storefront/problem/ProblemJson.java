package io.storefront.problem;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * The problem+json body for answers written before Spring MVC's message converters are
 * reached (servlet filters, the security entry points, Tomcat's error report valve): a
 * {@link ProblemDetail} from {@link Problems}, through Spring's own Jackson mix-in, so
 * that its members and their order are those of the problems controllers answer.
 */
public final class ProblemJson {

	private static final JsonMapper mapper = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	private ProblemJson() {
	}

	/**
	 * @param path the request's path, written as the problem's {@code instance}
	 */
	public static String of(HttpStatus status, String detail, String path) {
		return of(Problems.at(Problems.of(status, detail), path));
	}

	public static String of(ProblemDetail problem) {
		return mapper.writeValueAsString(problem);
	}

}
