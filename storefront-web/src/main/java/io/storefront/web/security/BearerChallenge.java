package io.storefront.web.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.util.StringUtils;

/**
 * The {@code WWW-Authenticate: Bearer …} challenge of RFC 6750, section 3, with the
 * {@code resource_metadata} of RFC 9728, section 5.1, only when the service's identifier
 * is known ({@link ProtectedResourceIdentifier}). Spring Security's
 * {@code BearerTokenAuthenticationEntryPoint} always adds it, built from the request's
 * {@code Host}.
 */
final class BearerChallenge {

	private BearerChallenge() {
	}

	/**
	 * @param error what is wrong with the token, or {@code null} when none was sent
	 * @param resourceMetadata where the metadata is, or {@code null} to leave it out
	 */
	static String of(OAuth2Error error, String resourceMetadata) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (error != null) {
			parameters.put("error", error.getErrorCode());
			putIfText(parameters, "error_description", error.getDescription());
			putIfText(parameters, "error_uri", error.getUri());
			if (error instanceof BearerTokenError bearerError) {
				putIfText(parameters, "scope", bearerError.getScope());
			}
		}
		putIfText(parameters, "resource_metadata", resourceMetadata);
		if (parameters.isEmpty()) {
			return "Bearer";
		}
		return parameters.entrySet()
			.stream()
			.map((parameter) -> parameter.getKey() + "=\"" + parameter.getValue() + "\"")
			.collect(Collectors.joining(", ", "Bearer ", ""));
	}

	private static void putIfText(Map<String, String> parameters, String name, String value) {
		if (StringUtils.hasText(value)) {
			parameters.put(name, value);
		}
	}

}
