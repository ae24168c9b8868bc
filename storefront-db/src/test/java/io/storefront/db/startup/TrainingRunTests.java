package io.storefront.db.startup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.storefront.db.config.KnownServices;
import io.storefront.db.provision.ServiceAccount;
import io.storefront.db.testing.TestPostgres;
import io.storefront.sample.SampleServiceProcess;
import io.storefront.sample.SampleServiceProcess.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's AOT training run: the service starts, answers its own probes, and exits
 * by itself.
 */
class TrainingRunTests {

	@TempDir
	Path workingDirectory;

	@Test
	void aTrainingRunExercisesTheRequestPathThenExitsCleanly() {
		TestPostgres postgres = TestPostgres.shared();
		ServiceAccount account = postgres.account(KnownServices.AUTH);

		Outcome outcome = SampleServiceProcess.run(
				Map.of("STOREFRONT_TRAINING_RUN", "true", "DATABASE_URL",
						"postgresql://auth_svc:" + account.password() + "@localhost:" + postgres.port() + "/auth_db"),
				this.workingDirectory, Duration.ofSeconds(60));

		assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
		assertThat(outcome.messages("INFO")).as(outcome.toString())
			.contains("training run done: 120 requests answered; exiting");
		assertThat(outcome.messages("ERROR")).isEmpty();
	}

}
