package io.storefront.web.query;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.MethodParameter;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import io.storefront.web.problem.InvalidFieldException;

/**
 * Refuses a request parameter given more than once where the endpoint takes one value
 * (422 naming it). Spring would bind the first of {@code ?limit=1&limit=50} to a number
 * and join {@code ?q=keyboard&q=mouse} into {@code "keyboard,mouse"} for a text: either
 * way an answer to a question the client did not ask, and a check made by a proxy on one
 * of the values could be bypassed with the other.
 */
public class SingleValuedParameters implements HandlerInterceptor {

	private final Map<Method, List<String>> namesByMethod = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method) {
			for (String name : this.namesByMethod.computeIfAbsent(method.getMethod(), (key) -> singleValued(method))) {
				String[] values = request.getParameterValues(name);
				if (values != null && values.length > 1) {
					throw new InvalidFieldException(name, "must be given at most once");
				}
			}
		}
		return true;
	}

	private static List<String> singleValued(HandlerMethod method) {
		return List.of(method.getMethodParameters())
			.stream()
			.filter((parameter) -> parameter.hasParameterAnnotation(RequestParam.class))
			.filter((parameter) -> !takesManyValues(parameter.getParameterType()))
			.map(SingleValuedParameters::name)
			.toList();
	}

	private static boolean takesManyValues(Class<?> type) {
		return type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
	}

	private static String name(MethodParameter parameter) {
		RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
		return StringUtils.hasText(annotation.name()) ? annotation.name() : parameter.getParameter().getName();
	}

}
