package io.storefront.auth.web;

import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.storefront.web.openapi.OpenApiDefaults;

/**
 * What auth-service's API description needs beyond what springdoc reads from the
 * controllers and what {@code application.properties} says of the service.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/**
	 * storefront-web's shared responses, with what auth must say before and after them:
	 * <ul>
	 * <li>before: logout takes a bearer token or none (a refresh token in the body will
	 * do). Springdoc drops the empty requirement that says "or none", so it is added back
	 * for the shared responses to describe the operation from it;</li>
	 * <li>after: registration and logout pass over a bearer token that does not verify
	 * ({@link SecurityConfiguration}), so neither answers the 401 the shared responses
	 * give every operation. Login and refresh keep theirs, for bad credentials and bad
	 * refresh tokens.</li>
	 * </ul>
	 */
	@Bean
	OpenApiCustomizer sharedResponses() {
		OpenApiCustomizer shared = OpenApiDefaults.sharedResponses();
		return (openApi) -> {
			openApi.getPaths().get("/auth/logout").getPost().addSecurityItem(new SecurityRequirement());
			shared.customise(openApi);
			openApi.getPaths().get("/auth/register").getPost().getResponses().remove("401");
			openApi.getPaths().get("/auth/logout").getPost().getResponses().remove("401");
		};
	}

}
