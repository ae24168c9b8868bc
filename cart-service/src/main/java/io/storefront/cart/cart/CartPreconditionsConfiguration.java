package io.storefront.cart.cart;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.storefront.web.etag.PreconditionsArgument;

/**
 * The changes marked {@link ConditionalChange} get their {@link CartPreconditions}
 * argument from storefront-web's {@link PreconditionsArgument}.
 */
@Configuration(proxyBeanMethods = false)
class CartPreconditionsConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new PreconditionsArgument<>(CartPreconditions.class, CartPreconditions::of));
	}

}
