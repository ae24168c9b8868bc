package io.storefront.product;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.testing.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An {@code AUTH_JWKS_URL} no request could be verified against stops start-up with one
 * line naming it, before the database is waited for: it used to start, answer /health 200
 * and every admin write 503 "signing keys are unavailable".
 */
class AuthJwksUrlTests {

	@Test
	void aPortOutOfRangeStopsStartUpBeforeTheDatabaseIsTried() {
		long started = System.nanoTime();

		assertThatThrownBy(() -> start("--AUTH_JWKS_URL=http://127.0.0.1:99999/.well-known/jwks.json",
				"--DATABASE_URL=postgresql://product_svc:Unused-Pw1@127.0.0.1:" + FreePorts.any() + "/product_db",
				"--DATABASE_STARTUP_TIMEOUT=60"))
			.satisfies((failure) -> {
				InvalidSettingException invalid = CauseChain.find(failure, InvalidSettingException.class).orElse(null);
				assertThat(invalid).as("start-up failed because of a setting").isNotNull();
				assertThat(invalid.variable()).isEqualTo("AUTH_JWKS_URL");
				assertThat(invalid.getMessage()).contains("port").contains("99999");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the database was not waited for")
			.isLessThan(Duration.ofSeconds(45));
	}

	private static void start(String... args) {
		new SpringApplicationBuilder(ProductServiceApplication.class)
			.run(java.util.stream.Stream
				.concat(java.util.stream.Stream.of("--server.port=0"), java.util.Arrays.stream(args))
				.toArray(String[]::new))
			.close();
	}

}
