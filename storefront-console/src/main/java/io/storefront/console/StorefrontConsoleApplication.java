package io.storefront.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The status console: polls the configured services over HTTP and serves one page that
 * shows them. It never reads the services' databases.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StorefrontConsoleApplication {

	public static void main(String[] args) {
		try {
			SpringApplication.run(StorefrontConsoleApplication.class, args);
		}
		catch (Throwable ex) {
			// already reported, as one line for bad settings (see
			// startup.SettingsFailureReporter)
			System.exit(1);
		}
	}

}
