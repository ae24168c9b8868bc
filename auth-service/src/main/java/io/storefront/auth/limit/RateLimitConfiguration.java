package io.storefront.auth.limit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

	static final String LOGIN = "/auth/login";

	static final String REGISTER = "/auth/register";

	static final String REFRESH = "/auth/refresh";

	@Bean
	LoginAttempts loginAttempts(RateLimitSettings settings) {
		if (!settings.enabled()) {
			return new Unlimited();
		}
		return new BucketLoginAttempts(new KeyedBuckets(settings.failedLoginsPerAccount(), settings.accountPeriod(),
				settings.maxTrackedKeys()));
	}

	@Bean
	WebMvcConfigurer addressRateLimit(RateLimitSettings settings) {
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				if (settings.enabled()) {
					limit(registry, LOGIN, settings.loginPerAddress());
					limit(registry, REGISTER, settings.registerPerAddress());
					limit(registry, REFRESH, settings.refreshPerAddress());
				}
			}

			private void limit(InterceptorRegistry registry, String path, int perAddress) {
				registry
					.addInterceptor(new AddressRateLimit(
							new KeyedBuckets(perAddress, settings.addressPeriod(), settings.maxTrackedKeys())))
					.addPathPatterns(path);
			}

		};
	}

	private static final class Unlimited implements LoginAttempts {

		@Override
		public void begin(String email) {
		}

		@Override
		public void giveBack(String email) {
		}

	}

}
