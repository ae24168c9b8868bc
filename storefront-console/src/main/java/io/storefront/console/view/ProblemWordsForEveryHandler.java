package io.storefront.console.view;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;

/**
 * {@link FrameworkProblemWords} answers the failures of every handler, not only of
 * controllers and static files: also those of the page at {@code /}, Spring Boot's
 * welcome page ({@code DELETE /}) and {@link NotAcceptablePage}. Spring MVC leaves the
 * failures of other handlers to its own resolver, which sends the bare status to
 * {@code /error}, where a 405 was {@code the request was rejected: method not allowed}
 * with an {@code Allow} without {@code OPTIONS}.
 */
@Component
class ProblemWordsForEveryHandler implements WebMvcRegistrations {

	@Override
	public ExceptionHandlerExceptionResolver getExceptionHandlerExceptionResolver() {
		ExceptionHandlerExceptionResolver resolver = new ExceptionHandlerExceptionResolver();
		resolver.setMappedHandlerPredicate((handler) -> true);
		return resolver;
	}

}
