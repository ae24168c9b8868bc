package io.storefront.console.view;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.AbstractController;

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
		setRootHandler(new TakesNoHtml());
	}

	/**
	 * Takes the methods the welcome page takes, GET and HEAD: a method it does not take
	 * is wrong whatever the {@code Accept} says, a 405 as for a client that takes HTML,
	 * and {@code OPTIONS} is answered with the same {@code Allow}. Only a request the
	 * page would answer learns that it takes no HTML.
	 */
	private static final class TakesNoHtml extends AbstractController {

		TakesNoHtml() {
			super(false);
			setSupportedMethods(HttpMethod.GET.name(), HttpMethod.HEAD.name());
		}

		@Override
		protected ModelAndView handleRequestInternal(HttpServletRequest request, HttpServletResponse response)
				throws HttpMediaTypeNotAcceptableException {
			throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.TEXT_HTML));
		}

	}

}
