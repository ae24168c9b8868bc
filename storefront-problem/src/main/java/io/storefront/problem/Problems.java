package io.storefront.problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

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

	/** The detail of the 404 for a path no endpoint has, whoever answers it. */
	public static final String NO_SUCH_ROUTE = "no such route";

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
	 * An error that reached no controller: refused by Tomcat, a filter or Spring
	 * Security's firewall. Its detail says no more than its status does, but for what
	 * Tomcat refuses whatever the route.
	 * @param method the request's, which Tomcat's 405 is about
	 */
	public static ProblemDetail rejected(int status, String method) {
		ProblemDetail problem = complete(ProblemDetail.forStatus(status));
		if (status == 405 && RouteRefusals.TRACE.equals(method)) {
			problem.setDetail(RouteRefusals.traceNotAllowed());
		}
		else if (status == 505) {
			problem.setDetail("the request's HTTP version is not supported: use HTTP/1.1");
		}
		else if (status == 501) {
			// Tomcat's answer to CONNECT or an unknown transfer coding: the client's
			// doing, not the service's fault.
			problem.setDetail(
					"the server does not implement what the request needs: its method or its transfer " + "coding");
		}
		else {
			problem.setDetail((status >= 500) ? "an unexpected error occurred"
					: "the request was rejected: " + problem.getTitle().toLowerCase(Locale.ROOT));
		}
		return problem;
	}

	/**
	 * The problem with {@code path}, the request's, as its {@code instance}; a path that
	 * is not a valid URI reference (Tomcat passes some characters through) is
	 * percent-encoded instead of refused.
	 */
	public static ProblemDetail at(ProblemDetail problem, String path) {
		if (path == null) {
			return problem;
		}
		try {
			problem.setInstance(URI.create(path));
		}
		catch (IllegalArgumentException ex) {
			try {
				problem.setInstance(new URI(null, null, path, null));
			}
			catch (URISyntaxException unencodable) {
				problem.setInstance(null);
			}
		}
		return problem;
	}

	/**
	 * 422 naming each offending field: {@code errors: [{"field": "quantity", "message":
	 * "…"}]}, ordered by field and message. Bean Validation reports its violations as a
	 * set whose order changes from one request to the next; a client comparing two
	 * answers, or a test, needs the same input to give the same answer.
	 */
	public static ProblemDetail invalidFields(List<FieldProblem> problems) {
		List<FieldProblem> fields = problems.stream()
			.sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
			.toList();
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
