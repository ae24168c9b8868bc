package io.storefront.web;

import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.method.ControllerAdviceBean;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = SampleWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "storefront.service.name=auth-service", "AUTH_JWKS_URL=http://127.0.0.1:9/jwks.json" })
@ExtendWith(OutputCaptureExtension.class)
class ProblemResponsesTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final ObjectMapper json = new ObjectMapper();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@ParameterizedTest(name = "Accept: {0}")
	@ValueSource(strings = { "*/*;q=abc", "image/png", "application/xml" })
	void anErrorIsProblemJsonWhateverTheClientAccepts(String accept) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders/abc"))
			.header("Accept", accept)
			.build();

		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isBetween(400, 499);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(response.statusCode());
	}

	/**
	 * Digits that the parameter's type cannot hold are out of range, and the 422 says
	 * which bound they passed: the parameter's own {@code @Max} or {@code @Min} (limit: 1
	 * to 100), else the type's. "must be a valid whole number" was wrong about 2^63.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			/orders/9223372036854775808              | id    | must be at most 9223372036854775807
			/orders/99999999999999999999999999999999 | id    | must be at most 9223372036854775807
			/orders/-9223372036854775809             | id    | must be at least -9223372036854775808
			/orders/1?limit=2147483648               | limit | must be at most 100
			/orders/1?limit=-2147483649              | limit | must be at least 1
			/orders/1?limit=101                      | limit | must be at most 100
			/orders/0x10                             | id    | must be a valid whole number
			""")
	void aNumberItsTypeCannotHoldIsOutOfRange(String path, String field, String message) throws Exception {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(422);
		JsonNode error = json.readTree(response.body()).get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo(field);
		assertThat(error.get("message").asString()).isEqualTo(message);
	}

	/**
	 * The same in a body field: its own constraint's bound where it has one, else its
	 * type's. "is out of range" left a client guessing what quantity 2147483648 had
	 * passed. A decimal whose exponent no BigDecimal holds, in a field without bounds, is
	 * out of range (it "has an invalid value").
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					{"product_name":"x","quantity":2147483648}                   | quantity  | must be at most 1000
					{"product_name":"x","quantity":99999999999999999999}         | quantity  | must be at most 1000
					{"product_name":"x","quantity":-2147483649}                  | quantity  | must be at least 1
					{"product_name":"x","quantity":1,"gift_card":-9223372036854775809} | gift_card | must be more than 0
					{"product_name":"x","quantity":1,"gift_card":9223372036854775808}  | gift_card | must be at most 9223372036854775807
					{"product_name":"x","quantity":1,"reference":2147483648}     | reference | must be at most 2147483647
					{"product_name":"x","quantity":1,"reference":-2147483649}    | reference | must be at least -2147483648
					{"product_name":"x","quantity":1,"tip":1e-2147483648}        | tip       | is out of range
					{"product_name":"x","quantity":1,"tip":-1e2147483648}        | tip       | is out of range
					""")
	void aNumberItsFieldsTypeCannotHoldIsOutOfRange(String body, String field, String message) throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(422);
		JsonNode error = json.readTree(response.body()).get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo(field);
		assertThat(error.get("message").asString()).isEqualTo(message);
	}

	/**
	 * Bean Validation's constraints in plain words
	 * ({@code ValidationMessages.properties}), the same in every service: the field is
	 * named beside the message, never in it. "size must be between 0 and 20" and "must
	 * not be null" beside "must not be blank" were Hibernate Validator's defaults.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					{"quantity":1}                                             | product_name | is required
					{"product_name":" ","quantity":1}                          | product_name | must not be blank
					{"product_name":"x"}                                       | quantity     | is required
					{"product_name":"x","quantity":0}                          | quantity     | must be at least 1
					{"product_name":"x","quantity":1001}                       | quantity     | must be at most 1000
					{"product_name":"x","quantity":1,"gift_card":0}            | gift_card    | must be more than 0
					{"product_name":"x","quantity":1,"comment":"123456789012345678901"} | comment | must be at most 20 characters
					{"product_name":"x","quantity":"2"}                        | quantity     | must be a whole number, not a string
					{"product_name":"x","quantity":1.5}                        | quantity     | must be a whole number
					{"product_name":7,"quantity":1}                            | product_name | must be a string
					{"product_name":"x","quantity":1,"currency":"EURO"}        | currency     | must be exactly 3 characters
					{"product_name":"x","quantity":1,"tag":"a"}                | tag          | must be at least 2 characters
					{"product_name":"x","quantity":1,"wrapped":"yes"}          | wrapped      | must be true or false
					""")
	void aFieldsConstraintIsToldInPlainWords(String body, String field, String message) throws Exception {
		HttpResponse<String> response = postOrder("application/json", body);

		assertThat(response.statusCode()).isEqualTo(422);
		JsonNode errors = json.readTree(response.body()).get("errors");
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).get("field").asString()).isEqualTo(field);
		assertThat(errors.get(0).get("message").asString()).isEqualTo(message);
	}

	/** A parameter's constraints in the same words as a body field's. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			/orders/1?limit=0                          | limit | must be at least 1
			/orders/1?note=                            | note  | must be 1 to 20 characters
			/orders/1?note=123456789012345678901       | note  | must be 1 to 20 characters
			""")
	void aParametersConstraintIsToldInPlainWords(String path, String field, String message) throws Exception {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(422);
		JsonNode errors = json.readTree(response.body()).get("errors");
		assertThat(errors).hasSize(1);
		assertThat(errors.get(0).get("field").asString()).isEqualTo(field);
		assertThat(errors.get(0).get("message").asString()).isEqualTo(message);
	}

	/**
	 * A query string Tomcat cannot read into parameters: the detail names each way it can
	 * be wrong, a parameter without a name among them, which is not an encoding error.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/orders/1?limit=%FF", "/orders/1?=5", "/orders/1?limit=5&=x" })
	void aQueryStringTomcatCannotReadIs400SayingHowItCanBeWrong(String path) throws Exception {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("the query string is not valid: a parameter without a name, text that is not "
					+ "percent-encoded UTF-8, or too many parameters");
	}

	/**
	 * Bean Validation hands its violations over as a set whose order changes from one
	 * request to the next: the answer names them in one order.
	 */
	@Test
	void severalInvalidFieldsAreNamedInTheSameOrderEveryTime() throws Exception {
		String body = """
				{"product_name":" ","quantity":0,"gift_card":0,"comment":"123456789012345678901"}""";
		for (int attempt = 0; attempt < 20; attempt++) {
			HttpResponse<String> response = postOrder("application/json", body);

			assertThat(response.statusCode()).isEqualTo(422);
			JsonNode answer = json.readTree(response.body());
			assertThat(answer.get("detail").asString())
				.isEqualTo("invalid fields: comment, gift_card, product_name, quantity");
			assertThat(answer.get("errors").findValuesAsString("field")).as("attempt %d", attempt)
				.containsExactly("comment", "gift_card", "product_name", "quantity");
		}
	}

	/**
	 * Spring MVC makes a new invocable method of each {@code @InitBinder} method of a
	 * controller advice on every request, and calls it reflectively for every argument it
	 * binds; the editors whose refusals the tests above check are installed once on the
	 * handler adapter instead ({@code StrictParameterBinding}).
	 */
	@Test
	void noControllerAdviceBindsParametersOnEachRequest() {
		List<ControllerAdviceBean> advice = ControllerAdviceBean.findAnnotatedBeans(this.context);

		assertThat(advice).isNotEmpty();
		for (ControllerAdviceBean bean : advice) {
			assertThat(MethodIntrospector
				.selectMethods(bean.getBeanType(), (MethodIntrospector.MetadataLookup<Boolean>) (
						method) -> AnnotatedElementUtils.hasAnnotation(method, InitBinder.class) ? Boolean.TRUE : null))
				.as(bean.getBeanType().getName())
				.isEmpty();
		}
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {4}")
	@CsvSource(delimiter = '|', value = {
			"POST | /orders | application/json | {\"product_name\":\"x\",\"quantity\":2} | 201 | ",
			"POST | /orders | application/json | {not json | 400 | ", "POST | /orders | application/json | '' | 400 | ",
			"POST | /orders | application/json | {\"product_name\":\"x\"} | 422 | quantity",
			"POST | /orders | application/json | {\"product_name\":\"x\",\"quantity\":\"lots\"} | 422 | quantity",
			"POST | /orders | application/json | {\"product_name\":\"x\",\"quantity\":0} | 422 | quantity",
			"POST | /orders | application/json | {\"product_name\":\"x\",\"quantity\":99999999999999999999} | 422 | quantity",
			"POST | /orders | application/json | {\"product_name\":\"\",\"quantity\":1} | 422 | product_name",
			"POST | /orders | application/json | {\"product_name\":\"x\",\"quantity\":1,\"quantity\":2} | 400 | ",
			"POST | /orders | application/json | {\"product_name\":\"a\\u0000b\",\"quantity\":1} | 422 | product_name",
			"POST | /orders | application/json | {\"product_name\":\"a\\ud800b\",\"quantity\":1} | 422 | product_name",
			"POST | /orders | application/json | {\"product_name\":\"\\udc00\",\"quantity\":1} | 422 | product_name",
			"POST | /orders | application/json | {\"product_name\":\"ok \\ud83d\\ude00\",\"quantity\":1} | 201 | ",
			"POST | /orders | text/plain | hello | 415 | ", "POST | /orders | */* | {} | 415 | ",
			"POST | /orders | application/* | {} | 415 | ", "PUT | /orders | application/json | {} | 405 | ",
			"FOO | /orders | | | 405 | ", "PROPFIND | /orders/1 | | | 405 | ",
			"DELETE | /orders/1 | application/x-www-form-urlencoded | a=%oM | 405 | ", "GET | /nowhere | | | 404 | ",
			"GET | /error | | | 404 | ", "DELETE | /error | | | 404 | ", "GET | /orders/abc | | | 422 | id",
			"GET | /orders/0x10 | | | 422 | id", "GET | /orders/%2310 | | | 422 | id",
			"GET | /orders/%D9%A1 | | | 422 | id", "GET | /orders/1?limit=0x5 | | | 422 | limit",
			"GET | /orders/01 | | | 422 | id", "GET | /orders/1?limit=05 | | | 422 | limit",
			"GET | /orders/-0 | | | 422 | id", "GET | /orders/1?limit=0 | | | 422 | limit",
			"GET | /orders/1?limit=x | | | 422 | limit", "GET | /orders/1?limit=1&limit=50 | | | 422 | limit",
			"GET | /orders/1?note=a&note=b | | | 422 | note", "GET | /orders/1?limit=5&note=a | | | 404 | ",
			"GET | /orders/1?limit= | | | 404 | ", "GET | /orders/1?limit=%20 | | | 422 | limit",
			"GET | /orders/1 | | | 404 | ", "GET | /orders/1?note=a%00b | | | 422 | note",
			"GET | /orders/1?note=%C3%A9 | | | 404 | ", "GET | /database/data | | | 422 | ",
			"GET | /private/me | | | 401 | ", "GET | /boom | | | 500 | " })
	void everyErrorIsProblemJson(String method, String path, String contentType, String body, int status, String field)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		request.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(status);
		if (status >= 400) {
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = json.readTree(response.body());
			assertThat(problem.get("status").asInt()).isEqualTo(status);
			assertThat(problem.get("title").asString()).isNotBlank();
			assertThat(problem.get("type").asString()).isNotBlank();
			assertThat(problem.get("detail").asString()).isNotBlank();
			assertThat(response.body()).doesNotContain("secret internal detail").doesNotContain("Exception");
			assertThat(problem.properties().stream().map(Map.Entry::getKey).filter((name) -> !name.equals("errors")))
				.as("the members of every problem, whoever wrote it, in one order")
				.containsExactly("detail", "instance", "status", "title", "type");
			assertThat(problem.get("instance").asString()).isEqualTo(path.replaceFirst("\\?.*", ""));
			if (field != null) {
				assertThat(problem.get("detail").asString()).contains(field);
			}
		}
	}

	/**
	 * A charset in Accept is not honoured: JSON is UTF-8. Honoured, it failed with a 500
	 * after the handler had run (the write done, the client told it failed), or labelled
	 * UTF-8 bytes as another charset.
	 */
	@ParameterizedTest(name = "Accept: {0}")
	@ValueSource(strings = { "application/json;charset=latin1", "application/json;charset=UTF-16",
			"application/json; CHARSET=\"us-ascii\"", "application/json;charset=iso-8859-1, application/json;q=0.5" })
	void anAnswerIsUtf8JsonWhateverCharsetTheClientAsksFor(String accept) throws Exception {
		HttpResponse<byte[]> response = client.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/orders"))
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"caf\u00e9 \ud83d\ude00\",\"quantity\":2}"))
			.build(), HttpResponse.BodyHandlers.ofByteArray());

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(MediaType.parseMediaType(type).getCharset()).isIn(null, StandardCharsets.UTF_8));
		assertThat(json.readTree(new String(response.body(), StandardCharsets.UTF_8)).get("product_name").asString())
			.isEqualTo("caf\u00e9 \ud83d\ude00");
	}

	/** The answer says what it is, not what the client's Accept named. */
	@ParameterizedTest(name = "Accept: {0}")
	@ValueSource(strings = { "application/json;version=2", "application/json;boundary=--x", "application/json;a=b;a=c",
			"application/json;A=1;q=0.5, text/html;q=0.1" })
	void anAnswersContentTypeHasNoParameterTheClientNamed(String accept) throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
				.header("Content-Type", "application/json")
				.header("Accept", accept)
				.POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"tea\",\"quantity\":2}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
	}

	/**
	 * A type of weight 0 is one the client refuses (RFC 9110, section 12.4.2), also when
	 * a wider range admits it: a type takes the weight of the most specific range that
	 * includes it (section 12.5.1). When no type the answer could have is left, the
	 * answer is the 406 any type it cannot have gets.
	 */
	@ParameterizedTest(name = "Accept: {0}")
	@ValueSource(strings = { "application/json;q=0", "*/*;q=0", "application/json;q=0, text/html",
			"application/json;q=0.0, */*;q=0", "text/html", "application/json;q=0, */*", "*/*, application/json;q=0",
			"application/*;q=0, */*", "application/json;q=0, application/*;q=0.9" })
	void aTypeOfWeightZeroIsNotAcceptable(String accept) throws Exception {
		HttpResponse<String> response = orderAccepting(accept);

		assertThat(response.statusCode()).isEqualTo(406);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(406);
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("this route answers only with application/json, and the Accept header asks for none of it");
	}

	/**
	 * A 406 says what the route answers with, in the words of the other refusals;
	 * Spring's said "Acceptable representations: [application/json].", also of an
	 * {@code Accept} it could not read.
	 */
	@ParameterizedTest(name = "Accept: {0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					text/html         | this route answers only with application/json, and the Accept header asks for none of it
					image/png, text/* | this route answers only with application/json, and the Accept header asks for none of it
					*/*;q=abc         | the Accept header is not a list of media types; this route answers only with application/json
					""")
	void aTypeTheRouteDoesNotAnswerWithIsToldWhatItDoes(String accept, String detail) throws Exception {
		HttpResponse<String> response = orderAccepting(accept);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(406);
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("detail").asString()).isEqualTo(detail);
		assertThat(problem.get("title").asString()).isEqualTo("Not Acceptable");
		assertThat(problem.get("type").asString()).isEqualTo("about:blank");
		assertThat(problem.get("instance").asString()).isEqualTo("/orders");
	}

	@ParameterizedTest(name = "Accept: {0}")
	@ValueSource(strings = { "application/json;q=0.001", "text/html;q=0, application/json",
			"*/*;q=0, application/json;q=0.5", "text/html;q=0, */*", "application/*;q=0, application/json",
			"application/problem+json;q=0, */*" })
	void aTypeOfAnyWeightAboveZeroIsAcceptable(String accept) throws Exception {
		HttpResponse<String> response = orderAccepting(accept);

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
	}

	private HttpResponse<String> postOrder(String contentTypes, String body) throws Exception {
		return sendOrder("POST", "/orders", contentTypes, body);
	}

	/**
	 * {@code contentTypes} separated by {@code |} are sent as Content-Type lines of their
	 * own.
	 */
	private HttpResponse<String> sendOrder(String method, String path, String contentTypes, String body)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method, HttpRequest.BodyPublishers.ofString(body));
		for (String contentType : contentTypes.split("\\|")) {
			request.header("Content-Type", contentType);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> orderAccepting(String accept) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"x\",\"quantity\":2}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "1", "0.", "1e" })
	void aNumberTooLongToConvertIs422(String start) throws Exception {
		String number = start + "9".repeat(1001);
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"x\",\"quantity\":" + number + "}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("a number in the request body has more digits than any field takes");
	}

	@ParameterizedTest(name = "Content-Encoding: {0}")
	@ValueSource(strings = { "gzip", "deflate, gzip", "br" })
	void aBodyWithAContentCodingIs415(String coding) throws Exception {
		HttpResponse<String> response = postOrderCodedAs(coding);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
		assertThat(response.headers().firstValue("Accept-Encoding")).hasValue("identity");
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("the request body must not be compressed or otherwise encoded (Content-Encoding: " + coding
					+ "); send it as plain JSON");
	}

	@Test
	void aSecondContentEncodingHeaderIsReadToo() throws Exception {
		HttpResponse<String> response = postOrderCodedAs("identity", "gzip");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
	}

	@Test
	void anIdentityCodedBodyIsRead() throws Exception {
		HttpResponse<String> response = postOrderCodedAs("identity");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private HttpResponse<String> postOrderCodedAs(String... codings) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"product_name\":\"x\",\"quantity\":2}"));
		for (String coding : codings) {
			request.header("Content-Encoding", coding);
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "GET, /nowhere", "GET, /orders/1/extra", "GET, /orders/", "POST, /nowhere", "GET, /docs/nowhere.js",
			"GET, /error", "DELETE, /error", "OPTIONS, /error" })
	void anUnknownRouteIsTheSame404WhereverItLeads(String method, String path, CapturedOutput output) throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json.readTree(response.body()).get("detail").asString()).isEqualTo("no such route");
		assertThat(output).as("a client's wrong route is not the operator's warning").doesNotContain(path);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/orders/%25", "/orders/1;x=1", "/orders/%2E%2E", "/orders/1%0A", "/orders//1",
			"/orders/./1", "/orders/1%E2%80%A8" })
	void aPathTheFirewallRefusesIsToldWhatItRefuses(String path) throws Exception {
		String response = sentRaw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json");
		String body = response.substring(response.indexOf("\r\n\r\n") + 4);
		assertThat(json.readTree(body).get("detail").asString()).startsWith("the path holds what no route takes");
	}

	/**
	 * U+0085 (NEL), a control character Tomcat lets through as the byte 0x85 and the
	 * firewall refuses when the header is read: by the security filters (a token, whose
	 * text may say anything, "URL" too), or first by Spring MVC (Accept).
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "Authorization: Bearer a\u0085b", "Authorization: Bearer URL\u0085",
			"Accept: application/json\u0085" })
	void aHeaderTheFirewallRefusesIsToldSoToo(String header) throws Exception {
		String request = "GET /orders/1 HTTP/1.1\r\nHost: localhost\r\n" + header + "\r\nConnection: close\r\n\r\n";
		String response = sentRaw(request, StandardCharsets.ISO_8859_1);

		assertThat(response).startsWith("HTTP/1.1 400 ");
		assertThat(json.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).get("detail").asString())
			.isEqualTo("the request holds a header, parameter or host name with a control character or one "
					+ "Unicode does not assign");
	}

	@Test
	void aHeaderTheFirewallRefusesWhenSpringMvcReadsItFirstIsA400Too(CapturedOutput output) throws Exception {
		String request = "GET /orders/1/note HTTP/1.1\r\nHost: localhost\r\nX-Note: a\u0085b\r\n"
				+ "Connection: close\r\n\r\n";
		String response = sentRaw(request, StandardCharsets.ISO_8859_1);

		assertThat(response).startsWith("HTTP/1.1 400 ");
		assertThat(output).doesNotContain("unexpected error");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "/nowhere, 404, no such route", "/error, 404, no such route",
			"/orders, 403, this service takes no cross-origin requests from browsers: it sends no CORS headers" })
	void aBrowsersCrossOriginPreflightIsRefused(String path, int status, String detail) throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "http://elsewhere.example")
				.header("Access-Control-Request-Method", "DELETE")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json.readTree(response.body()).get("detail").asString()).isEqualTo(detail);
		assertThat(response.headers().map()).doesNotContainKey("access-control-allow-origin");
	}

	@Test
	void aPlainOptionsStillSaysWhatTheRouteTakes() throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "http://elsewhere.example")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(
				(allow) -> assertThat(allow).contains("POST").doesNotContain("TRACE").doesNotContain("DELETE"));
	}

	/**
	 * RFC 9110, section 15.5.6: a 405's {@code Allow} lists the methods the route takes.
	 * Spring named only the mapped ones, without the {@code HEAD} a GET route answers and
	 * the {@code OPTIONS} every route answers, so it disagreed with the route's own
	 * {@code OPTIONS} answer.
	 */
	@ParameterizedTest
	@CsvSource({ "PUT, /orders/1", "DELETE, /orders", "FOO, /orders", "PROPFIND, /orders/1" })
	void aWrongMethodIsToldWhatTheRoutesOptionsAnswerSays(String method, String path) throws Exception {
		HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> options = options(path);

		assertThat(refused.statusCode()).isEqualTo(405);
		assertThat(options.statusCode()).isEqualTo(200);
		assertThat(methods(refused)).containsExactlyInAnyOrderElementsOf(methods(options));
		List<String> allowed = methods(refused);
		assertThat(json.readTree(refused.body()).get("detail").asString())
			.isEqualTo("the route " + path + " takes " + String.join(", ", allowed.subList(0, allowed.size() - 1))
					+ " and " + allowed.get(allowed.size() - 1) + ", not " + method);
	}

	private static List<String> methods(HttpResponse<String> response) {
		return List.of(response.headers().firstValue("Allow").orElse("").split(",\\s*"));
	}

	/**
	 * RFC 5789, section 3.1: {@code Accept-Patch} names one media type or more, so a
	 * route that takes no PATCH has none; Spring MVC sent it empty.
	 */
	@Test
	void anOptionsAnswerNamesAcceptPatchOnlyWhereAPatchIsTaken() throws Exception {
		HttpResponse<String> noPatch = options("/orders");
		HttpResponse<String> patch = options("/orders/1");

		assertThat(noPatch.statusCode()).isEqualTo(200);
		assertThat(noPatch.headers().firstValue("Allow"))
			.hasValueSatisfying((allow) -> assertThat(allow).contains("POST"));
		assertThat(noPatch.headers().map()).doesNotContainKey("accept-patch");
		assertThat(patch.statusCode()).isEqualTo(200);
		assertThat(patch.headers().firstValue("Allow"))
			.hasValueSatisfying((allow) -> assertThat(allow).contains("PATCH"));
		assertThat(patch.headers().allValues("Accept-Patch")).containsExactly("application/json");
	}

	private HttpResponse<String> options(String path) throws Exception {
		return bodiless("OPTIONS", path);
	}

	private HttpResponse<String> bodiless(String method, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aBodyWithoutContentTypeIsToldWhichToSend() throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("the request has a body but no Content-Type header; send application/json");
	}

	/**
	 * Spring takes a request without {@code Content-Type} for a body of bytes; with no
	 * body at all there is nothing to label, and the answer is the one a JSON request
	 * without a body gets.
	 */
	@Test
	void noBodyAndNoContentTypeIsToldABodyIsRequired() throws Exception {
		HttpResponse<String> response = bodiless("PATCH", "/orders/1");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("a JSON request body is required");
	}

	/**
	 * No endpoint takes multipart: a request labelled so, even without the boundary a
	 * multipart body cannot be read without, is answered like any other type, never with
	 * a 500, whatever the route.
	 */
	@ParameterizedTest(name = "{0} {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			GET    | /orders/1 | 404
			POST   | /orders   | 415
			DELETE | /orders/1 | 405
			GET    | /nope     | 404
			GET    | /metrics  | 200
			""")
	void aMultipartTypeWithoutBoundaryIsNoServerError(String method, String path, int status, CapturedOutput output)
			throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Content-Type", "multipart/form-data")
				.method(method, HttpRequest.BodyPublishers.ofString("x"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(output.getOut()).doesNotContain("MultipartException");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "{\"product_name\":1 garbage|the request body is not valid JSON",
			"{\"quantity\":\"x\",,,|the request body is not valid JSON",
			"{\"product_name\":\"x\",\"quantity\":\"2\"}}|the request body is not valid JSON",
			"{\"quantity\":\"x\",\"quantity\":1,\"product_name\":\"x\"}|the request body is not valid JSON: it has a key twice in one object",
			"{\"quantity\":\"x\"} {}|the request body is not valid JSON" })
	void malformedJsonIs400EvenAfterAFieldOfTheWrongType(String body, String detail) throws Exception {
		HttpResponse<String> response = postOrder("application/json", body);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("detail").asString()).isEqualTo(detail);
	}

	@Test
	void aKeyGivenTwiceInOneObjectIsSaidSo() throws Exception {
		HttpResponse<String> response = postOrder("application/json",
				"{\"product_name\":\"x\",\"quantity\":1,\"quantity\":2}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("the request body is not valid JSON: it has a key twice in one object");
	}

	/** A recipient ignores empty list elements (RFC 9110, section 5.6.1). */
	@ParameterizedTest(name = "Accept: {0}")
	@ValueSource(strings = { "text/plain,", ", text/plain", "text/plain, ,application/json", "," })
	void emptyElementsOfAcceptAreIgnored(String accept) throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
				.header("Accept", accept)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_");
	}

	@Test
	void aBodyOfATypeTheEndpointDoesNotTakeIsToldWhichToSend() throws Exception {
		HttpResponse<String> response = postOrder("application/x-www-form-urlencoded", "product_name=a&quantity=1");

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("the request body is application/x-www-form-urlencoded, which this endpoint does not take; send "
					+ "application/json");
	}

	/**
	 * A Content-Type Spring cannot read as one media type was told only "Could not parse
	 * Content-Type." Two Content-Type lines ({@code |} here) are no more one media type
	 * than one line listing two: Tomcat and Spring read the first, and a proxy in front
	 * may check the last, so a body labelled {@code application/json} and then ISO-8859-1
	 * was read as UTF-8 JSON.
	 */
	@ParameterizedTest(name = "Content-Type: {0}")
	@ValueSource(strings = { "application/json; charset=bogus", "application/json, text/plain", "json",
			"application/json|text/plain", "application/json|application/json;charset=iso-8859-1",
			"application/json|application/json" })
	void aContentTypeThatIsNoMediaTypeIsToldWhichToSend(String contentType) throws Exception {
		HttpResponse<String> response = postOrder(contentType, "{\"product_name\":\"x\",\"quantity\":1}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("the request's Content-Type is not one media type (an unknown charset, a list of types, …); "
					+ "send application/json");
	}

	/**
	 * RFC 5789, section 2.2: a PATCH refused for its body's type names the types it takes
	 * in {@code Accept-Patch}. Spring's own 415 did; those for a charset other than UTF-8
	 * and for two Content-Type headers did not.
	 */
	@ParameterizedTest(name = "Content-Type: {0}")
	@ValueSource(strings = { "text/plain", "application/json;charset=iso-8859-1", "application/json|application/json" })
	void aPatchRefusedForItsBodysTypeNamesTheTypesItTakes(String contentTypes) throws Exception {
		HttpResponse<String> response = sendOrder("PATCH", "/orders/1", contentTypes,
				"{\"product_name\":\"x\",\"quantity\":1}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
		assertThat(response.headers().allValues("Accept-Patch")).containsExactly("application/json");
	}

	/**
	 * A wildcard Content-Type on an endpoint that names no "consumes" is refused in the
	 * advice, not by Spring: its 415 names what the route takes as every other 415 does.
	 */
	@ParameterizedTest(name = "Content-Type: {0}")
	@ValueSource(strings = { "*/*", "application/*" })
	void aWildcardContentTypesRefusalNamesTheTypesTheRouteTakes(String contentType) throws Exception {
		HttpResponse<String> response = postOrder(contentType, "{\"product_name\":\"x\",\"quantity\":1}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().allValues("Accept")).containsExactly("application/json");
	}

	/**
	 * A 415 for a compressed body names what the route takes as every other 415 does:
	 * {@code Accept}, and on a PATCH {@code Accept-Patch}; with {@code Accept-Encoding}
	 * too, for what was wrong (RFC 9110, section 15.5.16).
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "POST, /orders", "PATCH, /orders/1" })
	void aCompressedBodysRefusalNamesTheTypesTheRouteTakes(String method, String path) throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Content-Type", "application/json")
				.header("Content-Encoding", "gzip")
				.method(method, HttpRequest.BodyPublishers.ofString("{\"product_name\":\"x\",\"quantity\":1}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
		assertThat(response.headers().allValues("Accept-Encoding")).containsExactly("identity");
		assertThat(response.headers().allValues("Accept")).containsExactly("application/json");
		assertThat(response.headers().allValues("Accept-Patch"))
			.isEqualTo("PATCH".equals(method) ? List.of("application/json") : List.of());
	}

	/**
	 * The body is read as UTF-8 whatever charset is named (RFC 8259): a body labelled
	 * ISO-8859-1 was decoded as such, and "é" sent in UTF-8 was stored as "Ã©"; labelled
	 * UTF-16, it was read as UTF-8 with no word.
	 */
	@ParameterizedTest(name = "Content-Type: {0}")
	@ValueSource(strings = { "application/json;charset=iso-8859-1", "application/json; charset=UTF-16",
			"application/json;charset=windows-1252" })
	void aBodyInAnotherCharsetThanUtf8Is415(String contentType) throws Exception {
		HttpResponse<String> response = postOrder(contentType, "{\"product_name\":\"caf\u00e9\",\"quantity\":1}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("the request body must be UTF-8 JSON (RFC 8259), not "
					+ MediaType.parseMediaType(contentType).getCharset().name()
					+ "; send application/json, without a charset or with charset=utf-8");
	}

	@ParameterizedTest(name = "Content-Type: {0}")
	@ValueSource(
			strings = { "application/json", "application/json;charset=utf-8", "application/json; charset=\"UTF-8\"" })
	void aUtf8BodyIsReadAsSent(String contentType) throws Exception {
		HttpResponse<String> response = postOrder(contentType, "{\"product_name\":\"caf\u00e9\",\"quantity\":1}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(json.readTree(response.body()).get("product_name").asString()).isEqualTo("caf\u00e9");
	}

	/**
	 * Well-formed JSON nested deeper than the parser goes was told it "does not have the
	 * expected shape", a 400; it is refused as a number of too many digits is.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "[", "{\"a\":" })
	void jsonNestedDeeperThanTheParserGoesIsSaidToBe(String opening) throws Exception {
		String closing = opening.equals("[") ? "]" : "}";
		String body = "{\"product_name\":\"x\",\"quantity\":1,\"extra\":" + opening.repeat(5000) + "1"
				+ closing.repeat(5000) + "}";

		HttpResponse<String> response = postOrder("application/json", body);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("the request body nests objects and arrays deeper than any request takes");
	}

	@Test
	void anUnsupportedHttpVersionIsSaidSo() throws Exception {
		String response = sentRaw("GET /orders/1 HTTP/2.0\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 505 ")
			.contains("\"detail\":\"the request's HTTP version is not supported: use HTTP/1.1\"");
	}

	@Test
	void headersLargerThanTheServiceReadsAre431SayingHowMuchItReads() throws Exception {
		String response = sentRaw("GET /orders/1 HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(9000)
				+ "\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 431 ")
			.contains("Content-Type: application/problem+json")
			.contains("\"title\":\"Request Header Fields Too Large\"")
			.contains("\"detail\":\"the request's line and headers are larger than the 8192 bytes this service "
					+ "reads\"")
			.contains("\"instance\":\"/orders/1\"");
	}

	/**
	 * Tomcat refuses more header fields than its {@code maxHeaderCount} as it refuses
	 * malformed HTTP, with a 400 that called the request invalid.
	 */
	@Test
	void moreHeaderFieldsThanTheServiceReadsAre431SayingHowMany() throws Exception {
		String response = sentRaw("GET /orders/1 HTTP/1.1\r\nHost: localhost\r\n" + "X-Many: a\r\n".repeat(150)
				+ "Connection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 431 ")
			.contains("Content-Type: application/problem+json")
			.contains("\"detail\":\"the request has more than the 100 header fields this service reads\"")
			.contains("\"instance\":\"/orders/1\"");
	}

	@Test
	void aRequestLineLongerThanTheServiceReadsIs414() throws Exception {
		String response = sentRaw(
				"GET /orders/1?note=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 414 ")
			.contains("\"title\":\"URI Too Long\"")
			.contains("\"detail\":\"the request's line and headers are larger than the 8192 bytes this service "
					+ "reads\"");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "a header name with a space", "a control character in a header", "no Host",
			"two Content-Lengths" })
	void aRequestTomcatCannotTakeAsHttpIsSaidToBeSo(String fault) throws Exception {
		String request = switch (fault) {
			case "a header name with a space" -> "GET /orders/1 HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n";
			case "a control character in a header" -> "GET /orders/1 HTTP/1.1\r\nHost: localhost\r\nX: a\u0001b\r\n";
			case "no Host" -> "GET /orders/1 HTTP/1.1\r\n";
			default -> "POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3\r\n";
		};

		String response = sentRaw(request + "Connection: close\r\n\r\n{}");

		assertThat(response).startsWith("HTTP/1.1 400 ")
			.contains("Content-Type: application/problem+json")
			.contains("\"detail\":\"the request is not valid HTTP/1.1: a malformed request line, path or header, or a "
					+ "missing or repeated Host or Content-Length header\"");
	}

	/**
	 * Tomcat logs the first unparsable request of each of its request processors at INFO
	 * with a stack trace, and keeps up to a thousand processors, making new ones for
	 * connections beyond: a client opening connections in parallel could write one trace
	 * per connection.
	 */
	@Test
	void requestsTomcatCannotParseWriteNoStackTraces(CapturedOutput output) throws Exception {
		List<Socket> connections = new ArrayList<>();
		try {
			for (int i = 0; i < 20; i++) {
				Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
				socket.setSoTimeout(15_000);
				connections.add(socket);
			}
			for (Socket socket : connections) {
				socket.getOutputStream()
					.write("GET /orders/1 HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
			}
			for (Socket socket : connections) {
				assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
					.startsWith("HTTP/1.1 400 ");
			}
		}
		finally {
			for (Socket socket : connections) {
				socket.close();
			}
		}

		assertThat(output).doesNotContain("Error parsing HTTP request header", "\tat ");
	}

	private String sentRaw(String request) throws Exception {
		return sentRaw(request, StandardCharsets.US_ASCII);
	}

	/**
	 * {@code request} in {@code charset}: ISO-8859-1 sends a byte above 0x7F as itself.
	 */
	private String sentRaw(String request, Charset charset) throws Exception {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(15_000);
			socket.getOutputStream().write(request.getBytes(charset));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "TRACE /orders/1", "GET /orders/1 HTTP/2.0", "CONNECT /orders", "oversized head",
			"unparsable header" })
	void answersTomcatGivesItselfCarryTheSecurityHeadersOfEveryOther(String request) throws Exception {
		String head = switch (request) {
			case "oversized head" -> "GET /orders/1 HTTP/1.1\r\nX-Padding: " + "a".repeat(9000) + "\r\n";
			case "unparsable header" -> "GET /orders/1 HTTP/1.1\r\nBad Name: x\r\n";
			default -> request + (request.contains("HTTP/") ? "" : " HTTP/1.1") + "\r\n";
		};

		String response = sentRaw(head + "Host: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).matches("(?s)HTTP/1\\.1 (4|5)\\d\\d .*")
			.contains("\r\nX-Content-Type-Options: nosniff\r\n")
			.contains("\r\nX-Frame-Options: DENY\r\n")
			.contains("\r\nCache-Control: no-cache, no-store, max-age=0, must-revalidate\r\n");
	}

	/**
	 * Tomcat refuses TRACE before any route is chosen; the detail says so, as every other
	 * 405 names the route and what it takes. RFC 9110, section 15.5.6: the Allow names
	 * what the route takes, as its OPTIONS answer does; Tomcat's named what the servlet
	 * implements, the same on every path.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/orders", "/orders/1", "/health" })
	void traceIsRefusedOnEveryRouteInTheServicesWordsWithWhatTheRouteTakes(String path) throws Exception {
		HttpResponse<String> response = bodiless("TRACE", path);

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("TRACE is not allowed on any route");
		assertThat(methods(response)).containsExactlyInAnyOrderElementsOf(methods(options(path)));
	}

	/**
	 * A path no route takes allows no method: an empty Allow (RFC 9110, section 10.2.1).
	 * {@code /error} is the error page's, no route to a client.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/nowhere", "/error" })
	void traceOnAPathNoRouteTakesAllowsNothing(String path) throws Exception {
		HttpResponse<String> response = bodiless("TRACE", path);

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().allValues("Allow")).containsExactly("");
	}

	@Test
	void connectIsNotImplementedAndNotCalledAnError() throws Exception {
		String response = sentRaw("CONNECT /orders HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 501 ")
			.contains("\"detail\":\"the server does not implement what the request needs: its method or its "
					+ "transfer coding\"");
	}

	@Test
	void twoAuthorizationHeadersAre400WhicheverComesFirst() throws Exception {
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/private/me"))
				.header("Authorization", "Bearer first")
				.header("Authorization", "Bearer second")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(response.body()).get("detail").asString())
			.isEqualTo("the request has more than one Authorization header");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "overlong", "utf-16le", "latin-1" })
	void aBodyThatIsNotUtf8JsonTextIs400(String encoding) throws Exception {
		String text = "{\"product_name\":\"a/b\u00e9\",\"quantity\":1}";
		byte[] body = switch (encoding) {
			// "/" as the overlong C0 AF, which a lenient decoder reads as "/"
			case "overlong" -> text.replace("/", "\u00c0\u00af").getBytes(StandardCharsets.ISO_8859_1);
			case "utf-16le" -> text.getBytes(StandardCharsets.UTF_16LE);
			default -> text.getBytes(StandardCharsets.ISO_8859_1);
		};
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("detail").asString()).contains("not UTF-8 JSON text");
	}

}
