package io.storefront.product;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import io.storefront.db.testing.ServiceClasses;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The product service stands alone: it shares code only through the storefront-db and
 * storefront-web libraries.
 */
class ArchitectureTests {

	private static final JavaClasses productClasses = ServiceClasses.of("io.storefront.product");

	@Test
	void dependsOnNoOtherService() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.storefront.auth..", "io.storefront.cart..", "io.storefront.cli..",
					"io.storefront.launcher..")
			.because("services talk to each other only over HTTP and signed tokens")
			.check(productClasses);
	}

	@Test
	void catalogDoesNotDependOnDevData() {
		noClasses().that()
			.resideInAPackage("io.storefront.product.catalog..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.storefront.product.devdata..")
			.check(productClasses);
	}

	@Test
	void theImportActuallyFoundTheService() {
		org.assertj.core.api.Assertions.assertThat(productClasses.stream().map((c) -> c.getPackageName()))
			.contains("io.storefront.product.catalog", "io.storefront.product.devdata", "io.storefront.product.web");
	}

}
