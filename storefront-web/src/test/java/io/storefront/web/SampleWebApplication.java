package io.storefront.web;

import java.math.BigDecimal;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.storefront.db.autoconfigure.StorefrontDatabaseAutoConfiguration;
import io.storefront.web.health.HealthController;
import io.storefront.web.security.StorefrontSecurity;

/**
 * A tiny API on the web defaults, without a database, to exercise every error path. It
 * scans this module's own packages, so the health controller (which needs the database
 * library) is left out.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = { StorefrontDatabaseAutoConfiguration.class, DataSourceAutoConfiguration.class,
		FlywayAutoConfiguration.class })
@ComponentScan(excludeFilters = { @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
		@Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
		@Filter(type = FilterType.ASSIGNABLE_TYPE, classes = HealthController.class) })
public class SampleWebApplication {

	@Bean
	SecurityFilterChain api(HttpSecurity http, StorefrontSecurity security) throws Exception {
		security.configure(http)
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/private/**")
				.authenticated()
				.requestMatchers("/admin/**")
				.hasRole("admin")
				.anyRequest()
				.permitAll());
		return http.build();
	}

	/**
	 * An order; all but {@code product_name} and {@code quantity} are optional.
	 */
	record Order(@NotBlank String productName, @NotNull @Min(1) @Max(1000) Integer quantity, @Positive Long giftCard,
			Integer reference, @Size(max = 20) String comment, @Size(min = 3, max = 3) String currency,
			@Size(min = 2) String tag, Boolean wrapped, BigDecimal tip) {
	}

	@RestController
	static class SampleController {

		/** Released as {@code POST /held} begins. */
		static final Semaphore ENTERED = new Semaphore(0);

		/** What lets {@code POST /held} end. */
		static final Semaphore HELD = new Semaphore(0);

		/** A request whose processing takes as long as a test wants. */
		@PostMapping(path = "/held", consumes = MediaType.APPLICATION_JSON_VALUE)
		String held(@RequestBody String body) throws InterruptedException {
			ENTERED.release();
			HELD.tryAcquire(30, TimeUnit.SECONDS);
			return "held " + body.length();
		}

		@PostMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
		@org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.CREATED)
		Order create(@Valid @RequestBody Order order) {
			return order;
		}

		@GetMapping("/orders/{id}")
		Order get(@PathVariable long id, @RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
				@RequestParam(required = false) @Size(min = 1, max = 20) String note) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id);
		}

		/** A header read first by Spring MVC, not by a filter. */
		@GetMapping("/orders/{id}/note")
		String note(@PathVariable long id,
				@org.springframework.web.bind.annotation.RequestHeader("X-Note") String note) {
			return note;
		}

		@PatchMapping(path = "/orders/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
		Order patch(@PathVariable long id, @RequestBody Order order) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id);
		}

		@GetMapping("/private/me")
		String me() {
			return "me";
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("secret internal detail");
		}

		/**
		 * The database failures a repository can raise, as Spring's JDBC support raises
		 * them.
		 */
		@GetMapping("/database/{failure}")
		String database(@PathVariable String failure) {
			throw switch (failure) {
				case "down" -> new org.springframework.jdbc.CannotGetJdbcConnectionException(
						"Failed to obtain JDBC Connection",
						new io.storefront.db.pool.DatabaseUnavailableException("Connection to localhost:5432 refused"));
				case "lost" -> new org.springframework.dao.DataAccessResourceFailureException("SELECT 1",
						new java.sql.SQLException("FATAL: terminating connection due to administrator command",
								"57P01"));
				case "busy" -> new org.springframework.jdbc.CannotGetJdbcConnectionException(
						"Failed to obtain JDBC Connection", new java.sql.SQLTransientConnectionException(
								"auth-service - Connection is not available, request timed out after 1000ms"));
				case "commit" -> new io.storefront.db.transaction.CommitOutcomeUnknownException(
						new org.springframework.dao.DataAccessResourceFailureException("JDBC commit",
								new java.sql.SQLException("An I/O error occurred while sending to the backend",
										"08006")));
				case "data" -> new org.springframework.dao.DataIntegrityViolationException("INSERT INTO orders",
						new java.sql.SQLException("ERROR: value too long for type character varying(200)", "22001"));
				default -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such failure");
			};
		}

	}

}
