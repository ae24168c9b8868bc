package io.storefront.problem.negotiation;

import java.util.List;

import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring MVC's content negotiation with {@code Accept} read by
 * {@link AcceptWithoutParameters}, and a route whose every type has weight 0 refused by
 * {@link RefusedTypesOnly}. ({@link EmptyAcceptElements} is a servlet filter, registered
 * beside it.)
 */
public class AcceptNegotiation implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new RefusedTypesOnly());
	}

	@Override
	public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
		configurer.strategies(List.of(new AcceptWithoutParameters()));
	}

}
