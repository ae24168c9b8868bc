package io.storefront.cart;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.storefront.db.testing.ServiceClasses;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * cart-service stands alone: it knows other services only through HTTP and tokens, never
 * their code.
 */
class ArchitectureTests {

	private static JavaClasses cart;

	@BeforeAll
	static void importCartClasses() {
		cart = ServiceClasses.of("io.storefront.cart");
	}

	@Test
	void dependsOnNoOtherServiceOrTool() {
		noClasses().that()
			.resideInAPackage("io.storefront.cart..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.storefront.auth..", "io.storefront.product..", "io.storefront.cli..",
					"io.storefront.launcher..")
			.check(cart);
	}

	@Test
	void theProductClientKnowsNothingOfTheCartOrOfTheUsersToken() {
		noClasses().that()
			.resideInAPackage("io.storefront.cart.product..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.storefront.cart.cart..", "org.springframework.security..")
			.check(cart);
	}

	@Test
	void onlyTheProductClientMakesHttpCalls() {
		noClasses().that()
			.resideOutsideOfPackage("io.storefront.cart.product..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("java.net.http..", "org.springframework.web.client..", "org.apache.hc..")
			.check(cart);
	}

	@Test
	void classesWereImported() {
		org.assertj.core.api.Assertions.assertThat(cart.containPackage("io.storefront.cart.cart")).isTrue();
		org.assertj.core.api.Assertions.assertThat(cart.containPackage("io.storefront.cart.product")).isTrue();
	}

}
