package io.storefront.product;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.storefront.db.startup.StorefrontApplication;

@SpringBootApplication
public class ProductServiceApplication {

	public static void main(String[] args) {
		StorefrontApplication.run(ProductServiceApplication.class, args);
	}

}
