package io.storefront.product.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description at {@code /v3/api-docs} (and the page at {@code /docs}). */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Storefront product service", version = "1.0.0",
		description = "The product catalog. Reads are public; writes need an admin access token from auth-service. "
				+ "Every error is application/problem+json (RFC 9457)."))
@SecurityScheme(name = OpenApiConfiguration.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
		bearerFormat = "JWT")
public class OpenApiConfiguration {

	public static final String BEARER = "bearer";

	/**
	 * The API's JSON is snake_case ({@code spring.jackson.property-naming-strategy}), but the schema
	 * generator introspects with its own Jackson 2 mapper; without this the documented properties would
	 * read {@code createdAt} while the service sends {@code created_at}.
	 */
	@Bean
	ModelResolver snakeCaseModelResolver() {
		return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
	}

}
