package io.storefront.db.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * A service's own classes, for its architecture rules: the main code as written, without
 * tests and without what Spring AOT generates into {@code target/classes} when the jar is
 * built ({@code …__BeanDefinitions}, {@code …$$SpringCGLIB$$…} proxies). Those name every
 * bean's dependencies, so after a build a rule such as "only repositories use JdbcClient"
 * would fail on them.
 */
public final class ServiceClasses {

	private ServiceClasses() {
	}

	public static JavaClasses of(String rootPackage) {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ServiceClasses::writtenByHand)
			.importPackages(rootPackage);
	}

	static boolean writtenByHand(Location location) {
		return !location.contains("__") && !location.contains("$$SpringCGLIB$$");
	}

}
