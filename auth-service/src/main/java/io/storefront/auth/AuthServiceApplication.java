package io.storefront.auth;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.storefront.db.startup.StorefrontApplication;

@SpringBootApplication
public class AuthServiceApplication {

	public static void main(String[] args) {
		StorefrontApplication.run(AuthServiceApplication.class, args);
	}

}
