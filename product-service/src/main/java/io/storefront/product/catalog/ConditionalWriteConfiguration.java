package io.storefront.product.catalog;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The writes marked {@link ConditionalWrite} get their {@link WriteConditions} argument
 * from {@link WriteConditionsArgument}.
 */
@Configuration(proxyBeanMethods = false)
class ConditionalWriteConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new WriteConditionsArgument());
	}

}
