package io.storefront.product.catalog;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.storefront.web.etag.PreconditionsArgument;

/**
 * The writes marked {@link ConditionalWrite} get their {@link WriteConditions} argument
 * from storefront-web's {@link PreconditionsArgument}.
 */
@Configuration(proxyBeanMethods = false)
class ConditionalWriteConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new PreconditionsArgument<>(WriteConditions.class, WriteConditions::of));
	}

}
