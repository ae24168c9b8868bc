package io.storefront.product.catalog;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a handler method's {@link WriteConditions} argument from the request's
 * {@code If-Match} and {@code If-None-Match} headers; {@link ConditionalWrite} describes
 * them. A header sent as several fields is one list, their values joined with commas (RFC
 * 9110 section 5.3), so a tag counts whichever field holds it.
 */
final class WriteConditionsArgument implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == WriteConditions.class;
	}

	@Override
	public WriteConditions resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		return WriteConditions.of(header(request, HttpHeaders.IF_MATCH), header(request, HttpHeaders.IF_NONE_MATCH));
	}

	private static String header(NativeWebRequest request, String name) {
		String[] fields = request.getHeaderValues(name);
		return (fields != null) ? String.join(",", fields) : null;
	}

}
