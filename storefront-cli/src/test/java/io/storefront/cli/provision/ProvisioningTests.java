package io.storefront.cli.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.cli.testing.CliTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The password policies as {@code up} uses them. */
class ProvisioningTests extends CliTestSupport {

	@TempDir
	Path envDirectory;

	@Test
	void keepOrReplaceGivesARoleWhosePasswordIsInNoFileANewOne() throws Exception {
		Provisioning provisioning = new Provisioning(postgres.admin());
		provisioning.run(this.envDirectory, PasswordPolicy.KEEP, false);
		Files.delete(this.envDirectory.resolve("auth.env"));

		List<ProvisionedService> again = provisioning.run(this.envDirectory, PasswordPolicy.KEEP_OR_REPLACE, false);

		assertThat(again).extracting(ProvisionedService::password)
			.containsExactly("replaced (no earlier password in the env folder)", "kept", "kept");
		assertThat(this.envDirectory.resolve("auth.env")).exists();
	}

	@Test
	void keepRefusesTheSameRunWithTheRolesAndTheFolder() throws Exception {
		Provisioning provisioning = new Provisioning(postgres.admin());
		provisioning.run(this.envDirectory, PasswordPolicy.KEEP, false);
		Files.delete(this.envDirectory.resolve("auth.env"));

		UnknownPasswordsException refusal = catchThrowableOfType(UnknownPasswordsException.class,
				() -> provisioning.run(this.envDirectory, PasswordPolicy.KEEP, false));

		assertThat(refusal.roles()).containsExactly("auth_svc");
		assertThat(refusal.folder()).isEqualTo(this.envDirectory);
	}

}
