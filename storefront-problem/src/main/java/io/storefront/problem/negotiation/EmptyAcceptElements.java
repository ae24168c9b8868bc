package io.storefront.problem.negotiation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Drops the empty elements of {@code Accept} ({@code text/plain,}, {@code , text/plain}),
 * which a recipient must ignore (RFC 9110, section 5.6.1). Spring MVC's negotiation
 * ignores them, but Actuator's reads the header itself and failed on the empty type,
 * answering {@code /metrics} with a 500. An {@code Accept} of empty elements only is no
 * {@code Accept} at all.
 */
public class EmptyAcceptElements extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> values = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
		if (values.stream().noneMatch(EmptyAcceptElements::hasEmptyElement)) {
			chain.doFilter(request, response);
			return;
		}
		List<String> elements = new ArrayList<>();
		for (String value : values) {
			for (String element : value.split(",")) {
				if (!element.isBlank()) {
					elements.add(element.strip());
				}
			}
		}
		chain.doFilter(new WithAccept(request, elements), response);
	}

	/**
	 * Whether a comma-separated value has an element of white space only, found without
	 * splitting: nearly every request's {@code Accept} has none.
	 */
	static boolean hasEmptyElement(String value) {
		boolean elementHasContent = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ',') {
				if (!elementHasContent) {
					return true;
				}
				elementHasContent = false;
			}
			else if (!Character.isWhitespace(c)) {
				elementHasContent = true;
			}
		}
		return !elementHasContent;
	}

	private static final class WithAccept extends HttpServletRequestWrapper {

		private final List<String> accept;

		WithAccept(HttpServletRequest request, List<String> elements) {
			super(request);
			this.accept = elements.isEmpty() ? List.of() : List.of(String.join(", ", elements));
		}

		@Override
		public String getHeader(String name) {
			if (!HttpHeaders.ACCEPT.equalsIgnoreCase(name)) {
				return super.getHeader(name);
			}
			return this.accept.isEmpty() ? null : this.accept.get(0);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.enumeration(this.accept)
					: super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			if (this.accept.isEmpty()) {
				names.removeIf(HttpHeaders.ACCEPT::equalsIgnoreCase);
			}
			return Collections.enumeration(names);
		}

	}

}
