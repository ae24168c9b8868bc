package io.storefront.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import io.storefront.web.security.StorefrontSecurity;

/**
 * The sample service (from storefront-db's tests) with the web defaults on the class
 * path, as a real service has them: like a service, it ends its rules with
 * {@code anyRequest().permitAll()}.
 */
@Configuration(proxyBeanMethods = false)
class SampleServiceSecurity {

	@Bean
	SecurityFilterChain sampleService(HttpSecurity http, StorefrontSecurity security) throws Exception {
		security.configure(http).authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

}
