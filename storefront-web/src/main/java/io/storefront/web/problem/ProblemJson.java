package io.storefront.web.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * The problem+json body for answers written before Spring MVC's message converters are
 * reached (servlet filters, the security entry points, Tomcat's error report valve), with
 * the same members, in the same order, as the problems {@link ProblemDetailsAdvice}
 * writes: {@code type}, {@code title}, {@code status}, {@code detail} and, when known,
 * {@code instance}. Jackson does the escaping.
 */
public final class ProblemJson {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	private ProblemJson() {
	}

	public static String of(HttpStatus status, String detail) {
		return of(status.value(), status.getReasonPhrase(), detail, null);
	}

	public static String of(HttpStatus status, String detail, String instance) {
		return of(status.value(), status.getReasonPhrase(), detail, instance);
	}

	/** For a status Spring may not know, whose title the caller chooses. */
	public static String of(int status, String title, String detail, String instance) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		if (instance != null) {
			problem.put("instance", instance);
		}
		return mapper.writeValueAsString(problem);
	}

}
