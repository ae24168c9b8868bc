package io.storefront.web.openapi;

import java.util.Map;
import java.util.TreeMap;

import org.springdoc.webmvc.ui.SwaggerConfigResource;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * {@code /v3/api-docs/swagger-config}, the settings the page at {@code /docs} reads,
 * without {@code oauth2RedirectUrl}: springdoc builds it from the request's {@code Host}
 * (a relative setting too), so a forged {@code Host} was written back in it, and a cache
 * in front could hand that to everyone. No API here has an OAuth flow that would use it.
 * springdoc's controller is registered with no way to replace it, hence an advice on its
 * answer.
 */
@ControllerAdvice
public class SwaggerConfigWithoutRedirectUrl implements ResponseBodyAdvice<Object> {

	private static final String REDIRECT_URL = "oauth2RedirectUrl";

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return SwaggerConfigResource.class.isAssignableFrom(returnType.getContainingClass())
				&& Map.class.isAssignableFrom(returnType.getParameterType());
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (!(body instanceof Map<?, ?> settings) || !settings.containsKey(REDIRECT_URL)) {
			return body;
		}
		Map<Object, Object> withoutRedirect = new TreeMap<>(settings);
		withoutRedirect.remove(REDIRECT_URL);
		return withoutRedirect;
	}

}
