package io.storefront.launcher;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The launcher's packages depend on one another one way only, so each can be read, and
 * changed, without the ones that use it.
 */
class PackageCycleTests {

	@Test
	void theLaunchersPackagesFormNoCycle() {
		slices().matching("io.storefront.launcher.(*)..")
			.should()
			.beFreeOfCycles()
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("io.storefront.launcher"));
	}

}
