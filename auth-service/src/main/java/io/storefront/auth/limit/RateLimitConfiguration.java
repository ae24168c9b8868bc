package io.storefront.auth.limit;

import java.util.Map;

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
					registry.addInterceptor(new AddressRateLimit(Map.of(LOGIN, perAddress(settings.loginPerAddress()),
							REGISTER, perAddress(settings.registerPerAddress()), REFRESH,
							perAddress(settings.refreshPerAddress()))))
						.addPathPatterns(LOGIN, REGISTER, REFRESH);
				}
			}

			private KeyedBuckets perAddress(int capacity) {
				return new KeyedBuckets(capacity, settings.addressPeriod(), settings.maxTrackedKeys());
			}

		};
	}

	private static final class Unlimited implements LoginAttempts {

		@Override
		public void begin(String email) {
		}

		@Override
		public void succeeded(String email) {
		}

	}

}
