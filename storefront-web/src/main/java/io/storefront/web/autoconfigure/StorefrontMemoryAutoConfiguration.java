package io.storefront.web.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.storefront.web.memory.IdleHeapReturn;

/**
 * Gives the heap back after a burst. Always defined, and turned off by its setting at run
 * time rather than by a condition, which Spring AOT would fix at build time.
 */
@AutoConfiguration
@EnableConfigurationProperties(StorefrontMemorySettings.class)
public class StorefrontMemoryAutoConfiguration {

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnMissingBean
	IdleHeapReturn idleHeapReturn(StorefrontMemorySettings settings) {
		return IdleHeapReturn.ofThisJvm(settings.returnIdleHeapAfter());
	}

}
