package io.storefront.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.storefront.db.startup.StorefrontApplication;

/**
 * The smallest service built on the library: no business code, only what the library
 * brings. The library's tests run it in-process and as a separate JVM.
 */
@SpringBootApplication
public class SampleServiceApplication {

	public static void main(String[] args) {
		StorefrontApplication.run(SampleServiceApplication.class, args);
	}

}
