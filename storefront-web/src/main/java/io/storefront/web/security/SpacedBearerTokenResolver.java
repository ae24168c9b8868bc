package io.storefront.web.security;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring's {@link DefaultBearerTokenResolver}, reading a token that follows the scheme
 * after any number of spaces. RFC 6750 (section 2.1) writes the credentials as
 * {@code "Bearer" 1*SP b64token}, but Spring's pattern takes exactly one space and
 * refused {@code Bearer  <token>} as malformed; its pattern already ignores the case of
 * the scheme (RFC 9110, section 11.1). Spring has no setting for the pattern, so the
 * header it reads has the spaces after the scheme collapsed to one.
 */
final class SpacedBearerTokenResolver implements BearerTokenResolver {

	private static final Pattern SPACES_AFTER_SCHEME = Pattern.compile("^(bearer) {2,}", Pattern.CASE_INSENSITIVE);

	private final BearerTokenResolver resolver = new DefaultBearerTokenResolver();

	@Override
	public String resolve(HttpServletRequest request) {
		return this.resolver.resolve(new OneSpaceAfterScheme(request));
	}

	private static final class OneSpaceAfterScheme extends HttpServletRequestWrapper {

		OneSpaceAfterScheme(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			String value = super.getHeader(name);
			if (value == null || !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)) {
				return value;
			}
			return SPACES_AFTER_SCHEME.matcher(value).replaceFirst("$1 ");
		}

	}

}
