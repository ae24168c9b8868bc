package io.storefront.product;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.storefront.db.startup.StorefrontApplication;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ProductServiceApplication {

	public static void main(String[] args) {
		StorefrontApplication.run(ProductServiceApplication.class, args);
	}

}
