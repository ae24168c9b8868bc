package io.storefront.cart;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.storefront.db.startup.StorefrontApplication;

@SpringBootApplication
public class CartServiceApplication {

	public static void main(String[] args) {
		StorefrontApplication.run(CartServiceApplication.class, args);
	}

}
