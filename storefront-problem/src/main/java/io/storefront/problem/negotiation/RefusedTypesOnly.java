package io.storefront.problem.negotiation;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses with 406, before the handler runs, a route whose every type ({@code produces})
 * the request's {@code Accept} gives weight 0.
 * <p>
 * A type takes the weight of the most specific range that includes it (RFC 9110, section
 * 12.5.1), and weight 0 means not acceptable (section 12.4.2): to
 * {@code application/json;q=0, *}{@code /*} JSON is the one type not acceptable. Spring
 * matches a route's types against the ranges as a list, one range at a time, and so
 * answered that with JSON, which {@code *}{@code /*} includes;
 * {@link AcceptWithoutParameters} can only drop ranges, not take a type out of a wider
 * one.
 */
public class RefusedTypesOnly implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws HttpMediaTypeNotAcceptableException {
		@SuppressWarnings("unchecked")
		Set<MediaType> producible = (Set<MediaType>) request
			.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE);
		if (producible == null || producible.isEmpty()) {
			return true;
		}
		List<MediaType> ranges = accept(request);
		if (!ranges.isEmpty() && producible.stream().allMatch((type) -> weight(type, ranges) == 0)) {
			throw new HttpMediaTypeNotAcceptableException(List.copyOf(producible));
		}
		return true;
	}

	private static List<MediaType> accept(HttpServletRequest request) {
		try {
			return MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
		}
		catch (InvalidMediaTypeException ex) {
			// Content negotiation has already answered an unreadable Accept.
			return List.of();
		}
	}

	private static double weight(MediaType type, List<MediaType> ranges) {
		MediaType mostSpecific = null;
		for (MediaType range : ranges) {
			if (range.includes(type) && (mostSpecific == null
					|| range.removeQualityValue().isMoreSpecific(mostSpecific.removeQualityValue()))) {
				mostSpecific = range;
			}
		}
		return (mostSpecific != null) ? mostSpecific.getQualityValue() : 0;
	}

}
