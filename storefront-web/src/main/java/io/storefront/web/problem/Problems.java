package io.storefront.web.problem;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details the same way everywhere. */
public final class Problems {

	private Problems() {
	}

	/**
	 * Every problem names its {@code type}; RFC 9457's default {@code about:blank} is
	 * written out too.
	 */
	public static final URI DEFAULT_TYPE = URI.create("about:blank");

	public static ProblemDetail of(HttpStatusCode status, String detail) {
		return complete(ProblemDetail.forStatusAndDetail(status, detail));
	}

	/**
	 * Fills in what the contract requires of every problem: {@code type} and
	 * {@code title}.
	 */
	public static ProblemDetail complete(ProblemDetail problem) {
		// Spring leaves about:blank out of the JSON unless it was set explicitly.
		problem.setType((problem.getType() != null) ? problem.getType() : DEFAULT_TYPE);
		if (problem.getTitle() == null) {
			HttpStatus known = HttpStatus.resolve(problem.getStatus());
			problem.setTitle((known != null) ? known.getReasonPhrase() : "Error");
		}
		return problem;
	}

	/**
	 * 422 naming each offending field: {@code errors: [{"field": "quantity", "message":
	 * "…"}]}.
	 */
	public static ProblemDetail invalidFields(List<FieldProblem> fields) {
		String names = String.join(", ", fields.stream().map(FieldProblem::field).distinct().toList());
		ProblemDetail problem = of(HttpStatus.UNPROCESSABLE_CONTENT, (fields.size() == 1)
				? "invalid field " + names + ": " + fields.get(0).message() : "invalid fields: " + names);
		problem.setProperty("errors", fields);
		return problem;
	}

	/** One invalid field or parameter, named as the client wrote it. */
	public record FieldProblem(String field, String message) {
	}

}
