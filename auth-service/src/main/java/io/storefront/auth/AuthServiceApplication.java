package io.storefront.auth;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.storefront.db.startup.StorefrontApplication;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AuthServiceApplication {

	public static void main(String[] args) {
		StorefrontApplication.run(AuthServiceApplication.class, args);
	}

}
