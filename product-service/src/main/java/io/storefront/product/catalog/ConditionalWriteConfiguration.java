package io.storefront.product.catalog;

import java.util.List;

import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The writes marked {@link ConditionalWrite}: their {@link WriteConditions} argument,
 * read from the headers by {@link WriteConditionsArgument}, and the description of those
 * headers.
 */
@Configuration(proxyBeanMethods = false)
class ConditionalWriteConfiguration {

	@Bean
	WebMvcConfigurer writeConditionsArgument() {
		return new WebMvcConfigurer() {

			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new WriteConditionsArgument());
			}

		};
	}

	/**
	 * Says {@code "required": false} of the headers {@link ConditionalWrite} describes,
	 * as springdoc says it of every header a handler binds with {@code @RequestHeader}:
	 * from a {@code @Parameter} it writes {@code required} only when it is true.
	 */
	@Bean
	OperationCustomizer optionalWriteConditionHeaders() {
		return (operation, handler) -> {
			if (handler.hasMethodAnnotation(ConditionalWrite.class)) {
				operation.getParameters()
					.stream()
					.filter((parameter) -> "header".equals(parameter.getIn()) && parameter.getRequired() == null)
					.forEach((parameter) -> parameter.setRequired(false));
			}
			return operation;
		};
	}

}
