package io.storefront.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The tool ships without Spring (the library declares its Spring dependencies optional):
 * it must never need it.
 */
class NoFrameworkTests {

	@Test
	void toolNeverReachesSpringEvenThroughTheLibrary() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.storefront.cli", "io.storefront.db");
		noClasses().that()
			.resideInAPackage("io.storefront.cli..")
			.should()
			.transitivelyDependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "com.zaxxer..", "org.slf4j..", "org.flywaydb..")
			.check(classes);
	}

}
