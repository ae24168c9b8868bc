package io.storefront.auth;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.storefront.db.testing.ServiceClasses;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTests {

	private static final JavaClasses auth = ServiceClasses.of("io.storefront.auth");

	@Test
	void authDependsOnNoOtherServiceNorTheTooling() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.storefront.product..", "io.storefront.cart..", "io.storefront.cli..",
					"io.storefront.launcher..")
			.check(auth);
	}

	@Test
	void onlyRepositoriesTalkToTheDatabase() {
		// A Java migration is a migration like the SQL ones, on Flyway's connection.
		noClasses().that()
			.haveSimpleNameNotEndingWith("Repository")
			.and()
			.doNotImplement(JavaMigration.class)
			.should()
			.dependOnClassesThat(assignableTo(JdbcClient.class).or(assignableTo(JdbcOperations.class))
				.or(assignableTo(DataSource.class))
				.or(assignableTo(Connection.class))
				.or(assignableTo(Statement.class))
				.or(assignableTo(ResultSet.class)))
			.check(auth);
	}

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("io.storefront.auth.(*)..").should().beFreeOfCycles().check(auth);
	}

}
