package io.storefront.cart.cart;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a handler method's {@link CartPreconditions} argument from the request's
 * {@code If-Match} and {@code If-None-Match}; {@link ConditionalChange} describes them. A
 * header sent as several fields is one list, their values joined with commas (RFC 9110
 * section 5.3), so a {@code *} counts whichever field holds it.
 */
final class CartPreconditionsArgument implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == CartPreconditions.class;
	}

	@Override
	public CartPreconditions resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		return CartPreconditions.of(header(request, HttpHeaders.IF_MATCH), header(request, HttpHeaders.IF_NONE_MATCH));
	}

	private static String header(NativeWebRequest request, String name) {
		String[] fields = request.getHeaderValues(name);
		return (fields != null) ? String.join(",", fields) : null;
	}

}
