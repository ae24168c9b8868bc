package io.storefront.problem;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Leaves {@code Accept-Patch} out of an {@code OPTIONS} answer for a route that takes no
 * {@code PATCH}. Spring MVC's own {@code OPTIONS} answer (in
 * {@code RequestMappingInfoHandlerMapping}) always sets the header from the media types
 * the route's {@code PATCH} handlers consume, so with none it sent an empty value, which
 * RFC 5789 (section 3.1, {@code 1#media-type}) does not allow. Spring has no setting for
 * it, and it writes the header and commits the answer within the handler, so no
 * interceptor or advice comes after it: the header is dropped on its way into the servlet
 * response. Here rather than in each application, since the services and the console
 * alike answer {@code OPTIONS} that way.
 */
public class NoEmptyAcceptPatch extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !HttpMethod.OPTIONS.matches(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new WithoutEmptyAcceptPatch(response));
	}

	private static final class WithoutEmptyAcceptPatch extends HttpServletResponseWrapper {

		WithoutEmptyAcceptPatch(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			if (!isEmptyAcceptPatch(name, value)) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!isEmptyAcceptPatch(name, value)) {
				super.addHeader(name, value);
			}
		}

		private static boolean isEmptyAcceptPatch(String name, String value) {
			return HttpHeaders.ACCEPT_PATCH.equalsIgnoreCase(name) && (value == null || value.isBlank());
		}

	}

}
