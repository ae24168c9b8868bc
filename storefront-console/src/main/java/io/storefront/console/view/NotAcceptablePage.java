package io.storefront.console.view;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;

/**
 * The page ({@code /}) asked for by a client that takes no HTML
 * ({@code Accept: application/xml}, a list of no type, {@code application/json;q=0}): a
 * 406 problem, as every error of the console. Spring Boot's welcome page answers only a
 * client that takes HTML; its answer to the others, a 406 without a body or a type, is
 * what this mapping comes before.
 */
@Component
class NotAcceptablePage extends AbstractUrlHandlerMapping {

	/**
	 * Spring Boot's welcome page is at 2, its bodiless 406 at the lowest precedence - 10.
	 */
	static final int ORDER = Ordered.LOWEST_PRECEDENCE - 11;

	NotAcceptablePage() {
		setOrder(ORDER);
		setRootHandler((HttpRequestHandler) (request, response) -> {
			throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.TEXT_HTML));
		});
	}

}
