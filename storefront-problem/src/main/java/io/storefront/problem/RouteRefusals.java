package io.storefront.problem;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

/**
 * The details of a 405 and a 406, which tell a client what the route takes or sends, and
 * the 405's {@code Allow}: the same in the services and the status console. Spring's own
 * ({@code Method 'PATCH' is not supported.}, {@code Acceptable representations:
 * [application/json].}) were the last in the framework's words, and the 405's named
 * neither the route nor what it takes.
 */
public final class RouteRefusals {

	/** Tomcat's name for the method, which it compares case-sensitively. */
	static final String TRACE = "TRACE";

	private RouteRefusals() {
	}

	/**
	 * Spring MVC's 405, for a {@code ResponseEntityExceptionHandler}: words its detail
	 * and gives the headers to answer it with. RFC 9110, section 15.5.6: a 405's
	 * {@code Allow} lists the methods the route takes. Spring names only the mapped ones;
	 * every route also answers {@code OPTIONS}, and a GET route {@code HEAD}, as the
	 * route's own {@code OPTIONS} answer says. The detail names the same methods.
	 */
	public static HttpHeaders methodNotAllowed(HttpRequestMethodNotSupportedException ex, HttpHeaders headers,
			WebRequest request) {
		Set<HttpMethod> mapped = ex.getSupportedHttpMethods();
		if (mapped == null) {
			ex.getBody().setDetail(methodNotAllowed(ex.getMethod(), path(request), List.of()));
			return headers;
		}
		Set<HttpMethod> allowed = new LinkedHashSet<>(mapped);
		if (allowed.contains(HttpMethod.GET)) {
			allowed.add(HttpMethod.HEAD);
		}
		allowed.add(HttpMethod.OPTIONS);
		HttpHeaders allowing = new HttpHeaders();
		allowing.putAll(headers);
		allowing.setAllow(allowed);
		ex.getBody()
			.setDetail(
					methodNotAllowed(ex.getMethod(), path(request), allowed.stream().map(HttpMethod::name).toList()));
		return allowing;
	}

	/**
	 * A method the route does not take: the route and the methods it takes, in the order
	 * of its {@code Allow} header; none when they are not known.
	 */
	public static String methodNotAllowed(String method, String path, List<String> allowed) {
		if (allowed.isEmpty()) {
			return "the route " + path + " does not take " + method;
		}
		return "the route " + path + " takes " + joined(allowed, "and") + ", not " + method;
	}

	/**
	 * The 405 Tomcat gives {@code TRACE} before any route is chosen: its
	 * {@code allowTrace} is off, so that no request is echoed back, and no route takes
	 * it. Tomcat's {@code Allow} names the methods the servlet implements; the services
	 * replace it with what the path takes (storefront-web's {@code TraceRefusalAllow}).
	 * It names no service: the status console says it too.
	 */
	public static String traceNotAllowed() {
		return TRACE + " is not allowed on any route";
	}

	/**
	 * Spring MVC's 406, for a {@code ResponseEntityExceptionHandler}: words its detail
	 * with the types the route answers with, and that the {@code Accept} header allows
	 * none.
	 */
	public static void notAcceptable(HttpMediaTypeNotAcceptableException ex, WebRequest request) {
		ex.getBody().setDetail(notAcceptable(request.getHeaderValues(HttpHeaders.ACCEPT), ex.getSupportedMediaTypes()));
	}

	/**
	 * An {@code Accept} header that allows none of the types the route answers with, or
	 * that cannot be read; the types are left out when they are not known.
	 * @param accept the request's {@code Accept} headers, or {@code null} when it has
	 * none
	 */
	public static String notAcceptable(String[] accept, List<MediaType> answered) {
		List<String> types = answered.stream().map(MediaType::toString).toList();
		if (!readable(accept)) {
			return "the Accept header is not a list of media types"
					+ (types.isEmpty() ? "" : "; this route answers only with " + joined(types, "or"));
		}
		if (types.isEmpty()) {
			return "the Accept header asks for nothing this route answers with";
		}
		return "this route answers only with " + joined(types, "or") + ", and the Accept header asks for none of "
				+ ((types.size() == 1) ? "it" : "them");
	}

	/** The request's path, as the problem's {@code instance} names it. */
	private static String path(WebRequest request) {
		return (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI()
				: request.getDescription(false).replaceFirst("^uri=", "");
	}

	private static boolean readable(String[] accept) {
		try {
			MediaType.parseMediaTypes((accept != null) ? List.of(accept) : List.of());
			return true;
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static String joined(List<String> items, String conjunction) {
		if (items.size() == 1) {
			return items.get(0);
		}
		return String.join(", ", items.subList(0, items.size() - 1)) + " " + conjunction + " "
				+ items.get(items.size() - 1);
	}

}
