package io.storefront.web.problem;

import java.util.List;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The details of a 405 and a 406, which tell a client what the route takes or sends.
 * Spring's own ({@code Method 'PATCH' is not supported.}, {@code Acceptable
 * representations: [application/json].}) were the last in the framework's words, and the
 * 405's named neither the route nor what it takes.
 */
public final class RouteRefusals {

	private RouteRefusals() {
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
	 * An {@code Accept} header that allows none of the types the route answers with, or
	 * that cannot be read; the types are left out when they are not known.
	 * @param accept the request's {@code Accept} headers, or {@code null} when it has
	 * none
	 */
	static String notAcceptable(String[] accept, List<MediaType> answered) {
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
