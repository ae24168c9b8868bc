package io.storefront.launcher.services;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services under {@code up} take {@code HEALTH_DETAILS_TOKEN} from its environment,
 * which the env files {@code db check} reads do not hold: the printed command says to
 * export it, and never prints it.
 */
class CheckHintTests {

	private static final Path ENV = Path.of("/srv/storefront/.storefront/env");

	@Test
	void withoutATokenTheCommandIsEnough() {
		assertThat(CheckHint.of(ENV, 1, Map.of()))
			.isEqualTo("check everything: ./storefront db check --http --env-dir " + ENV);
		assertThat(CheckHint.of(ENV, 3, Map.of("HEALTH_DETAILS_TOKEN", "")))
			.isEqualTo("check everything: ./storefront db check --http --env-dir " + ENV + " --replicas 3");
	}

	@Test
	void withATokenItSaysToExportItWithoutPrintingIt() {
		assertThat(CheckHint.of(ENV, 1, Map.of("HEALTH_DETAILS_TOKEN", "s3cret-token")))
			.isEqualTo("check everything, with the HEALTH_DETAILS_TOKEN up was given exported: ./storefront db check"
					+ " --http --env-dir " + ENV)
			.doesNotContain("s3cret-token");
	}

}
