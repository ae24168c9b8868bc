package io.storefront.web.etag;

import java.util.function.BiFunction;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a handler method's argument of a service's preconditions type from the request's
 * {@code If-Match} and {@code If-None-Match}. A header sent as several fields is one
 * list, their values joined with commas (RFC 9110 section 5.3), so a tag or a {@code *}
 * counts whichever field holds it.
 *
 * @param <T> the service's preconditions type
 */
public final class PreconditionsArgument<T> implements HandlerMethodArgumentResolver {

	private final Class<T> type;

	private final BiFunction<String, String, T> fromHeaders;

	/**
	 * @param type the argument type this gives
	 * @param fromHeaders makes it from If-Match and If-None-Match, each one
	 * comma-separated list or {@code null} when not sent
	 */
	public PreconditionsArgument(Class<T> type, BiFunction<String, String, T> fromHeaders) {
		this.type = type;
		this.fromHeaders = fromHeaders;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == this.type;
	}

	@Override
	public T resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
			WebDataBinderFactory binderFactory) {
		return this.fromHeaders.apply(header(request, HttpHeaders.IF_MATCH),
				header(request, HttpHeaders.IF_NONE_MATCH));
	}

	private static String header(NativeWebRequest request, String name) {
		String[] fields = request.getHeaderValues(name);
		return (fields != null) ? String.join(",", fields) : null;
	}

}
