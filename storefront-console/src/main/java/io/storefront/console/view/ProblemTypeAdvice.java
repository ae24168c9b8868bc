package io.storefront.console.view;

import java.net.URI;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem the console answers names its {@code type}, as the services' do: Spring
 * leaves RFC 9457's default {@code about:blank} out of the JSON unless it was set, both
 * in the console's own problems and in those Spring Boot writes for the framework's
 * errors (404, 405, a path variable of the wrong type).
 */
@RestControllerAdvice
class ProblemTypeAdvice implements ResponseBodyAdvice<Object> {

	static final URI DEFAULT_TYPE = URI.create("about:blank");

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem && problem.getType() == null) {
			problem.setType(DEFAULT_TYPE);
		}
		return body;
	}

}
