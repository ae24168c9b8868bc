package io.storefront.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.storefront.sample.HttpProbe;
import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A value PostgreSQL refuses as data (SQLSTATE class 22) is a 422 with a fixed detail
 * (docs/bad-input.md): the database's own message may quote the value, which is the
 * client's and may be a secret, so neither reaches the body or the log, and the log says
 * once, at WARN, which SQLSTATE it was. The values are refused by a real server.
 */
@Import(DatabaseRejectedValueTests.StoringController.class)
@ExtendWith(OutputCaptureExtension.class)
class DatabaseRejectedValueTests extends RunningSampleService {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final String EMBEDDED_SERVER_LOGGER = "\"logger_name\":\"" + EmbeddedPostgres.class.getName() + "\"";

	@LocalServerPort
	private int port;

	@Test
	void valuesTheDatabaseTakesAreStored() throws Exception {
		assertThat(store("{\"label\":\"short\",\"amount\":\"12\"}").statusCode()).isEqualTo(204);
	}

	@ParameterizedTest(name = "SQLSTATE {0}: {3}")
	@CsvSource(delimiter = '|', textBlock = """
			22001 | s3cret-and-too-long | 1                   | value too long for type character varying(5)
			22P02 | short               | s3cret-not-a-number | invalid input syntax for type integer
			""")
	void aValueTheDatabaseRefusesIsA422WithAFixedDetailLoggedOnceWithItsSqlStateOnly(String sqlState, String label,
			String amount, String databaseMessage, CapturedOutput output) throws Exception {
		String secret = label.startsWith("s3cret") ? label : amount;
		int before = output.getOut().length();

		HttpResponse<String> response = store("{\"label\":\"" + label + "\",\"amount\":\"" + amount + "\"}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		assertThat(HttpProbe.contentType(response)).startsWith("application/problem+json");
		JsonNode problem = HttpProbe.json(response);
		assertThat(problem.get("detail").asString())
			.isEqualTo("a value in the request cannot be stored: it is out of range, too long or not valid text");
		assertThat(problem.has("errors")).as("the database does not say which field").isFalse();
		assertThat(response.body()).doesNotContain(secret).doesNotContain(databaseMessage).doesNotContain(sqlState);
		// the embedded server's own log (its ERROR and STATEMENT lines) reaches the same
		// output, at a moment of its own; it is the database's log, not the service's
		String log = output.getOut()
			.substring(before)
			.lines()
			.filter((line) -> !line.contains(EMBEDDED_SERVER_LOGGER))
			.collect(Collectors.joining("\n"));
		assertThat(log.lines().filter((line) -> line.contains("SQLSTATE " + sqlState))).singleElement()
			.asString()
			.contains("\"level\":\"WARN\"")
			.contains("request refused with 422: the database rejected a value as data");
		assertThat(log).doesNotContain(secret).doesNotContain(databaseMessage);
	}

	private HttpResponse<String> store(String json) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/sample/values"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	record Values(String label, String amount) {
	}

	/**
	 * Stores a label of at most 5 characters and a whole number, given as text, as a
	 * repository would: through Spring's JDBC support, in a transaction (rolled back: it
	 * leaves nothing behind).
	 */
	@RestController
	static class StoringController {

		private final JdbcClient jdbc;

		private final TransactionTemplate transactions;

		StoringController(DataSource dataSource, PlatformTransactionManager transactionManager) {
			this.jdbc = JdbcClient.create(dataSource);
			this.transactions = new TransactionTemplate(transactionManager);
		}

		@PostMapping(path = "/sample/values", consumes = MediaType.APPLICATION_JSON_VALUE)
		@ResponseStatus(HttpStatus.NO_CONTENT)
		void store(@RequestBody Values values) {
			this.transactions.executeWithoutResult((transaction) -> {
				this.jdbc.sql("CREATE TEMPORARY TABLE sample_values (label varchar(5), amount integer) ON COMMIT DROP")
					.update();
				this.jdbc.sql("INSERT INTO sample_values (label, amount) VALUES (?, CAST(? AS integer))")
					.params(values.label(), values.amount())
					.update();
				transaction.setRollbackOnly();
			});
		}

	}

}
