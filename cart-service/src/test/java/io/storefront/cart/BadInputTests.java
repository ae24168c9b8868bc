package io.storefront.cart;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.storefront.cart.support.CartApiTestSupport;
import io.storefront.web.testing.ApiTraffic;
import io.storefront.web.testing.DeclaredBodyClient;
import io.storefront.web.testing.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input table over every endpoint: each bad request gets the contract's status as
 * problem+json (never a 5xx), names the offending field, and changes nothing: the user's
 * cart still holds exactly the one line it was given before.
 */
@ExtendWith(ApiTraffic.Checked.class)
@Tag("reliability")
class BadInputTests extends CartApiTestSupport {

	private static final long SEEDED_PRODUCT = 501;

	private String user;

	private String token;

	@BeforeEach
	void aCartWithOneLine() {
		this.user = newUser();
		this.token = tokens.user(this.user);
		products.product(SEEDED_PRODUCT, "Seeded product", "2.00", "USD", 100);
		assertThat(add(this.token, SEEDED_PRODUCT, 1).status()).isEqualTo(201);
	}

	@ParameterizedTest(name = "{0} {1} [{2}] {3} -> {4} {5}")
	@CsvSource(delimiter = '|', nullValues = "NULL",
			textBlock = """
					POST   | /cart/items | application/json | {not json                                      | 400 | NULL
					POST   | /cart/items | application/json | ''                                             | 400 | NULL
					POST   | /cart/items | application/json | null                                           | 400 | NULL
					POST   | /cart/items | application/json | [1, 2]                                         | 400 | NULL
					POST   | /cart/items | application/json | '{"product_id": 501, "quantity": 1'            | 400 | NULL
					POST   | /cart/items | application/json | {}                                             | 422 | product_id
					POST   | /cart/items | application/json | '{"quantity": 1}'                              | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": 501}'                          | 422 | quantity
					POST   | /cart/items | application/json | '{"product_id": null, "quantity": 1}'          | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": "abc", "quantity": 1}'         | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": "501", "quantity": 1}'         | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": 501.5, "quantity": 1}'         | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": true, "quantity": 1}'          | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": [501], "quantity": 1}'         | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": {"id": 501}, "quantity": 1}'   | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": 0, "quantity": 1}'             | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": -501, "quantity": 1}'          | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": 99999999999999999999, "quantity": 1}' | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": "501; DROP TABLE cart_items;--", "quantity": 1}' | 422 | product_id
					POST   | /cart/items | application/json | '{"product_id": 501, "quantity": "2"}'         | 422 | quantity
					POST   | /cart/items | application/json | '{"product_id": 501, "quantity": 1.5}'         | 422 | quantity
					POST   | /cart/items | application/json | '{"product_id": 501, "quantity": 1e3}'         | 422 | quantity
					POST   | /cart/items | application/json | '{"product_id": 501, "quantity": 0}'           | 422 | quantity
					POST   | /cart/items | application/json | '{"product_id": 501, "quantity": -3}'          | 422 | quantity
					POST   | /cart/items | application/json | '{"product_id": 501, "quantity": 1001}'        | 422 | quantity
					POST   | /cart/items | application/json | '{"product_id": 501, "quantity": 99999999999}' | 422 | quantity
					POST   | /cart/items | application/json | '{"product_id": 501, "quantity": "1 OR 1=1"}'  | 422 | quantity
					POST   | /cart/items | application/json | '{"product_id": 501, "quantity": 1, "quantity": 2}' | 400 | NULL
					POST   | /cart/items | application/json | '{"product_id": 777, "product_id": 501, "quantity": 1}' | 400 | NULL
					POST   | /cart/items | text/plain       | '{"product_id": 501, "quantity": 1}'           | 415 | NULL
					POST   | /cart/items | application/xml  | <item><product_id>501</product_id></item>      | 415 | NULL
					POST   | /cart/items | NULL             | '{"product_id": 501, "quantity": 1}'           | 415 | NULL
					PUT    | /cart/items | application/json | '{"product_id": 501, "quantity": 1}'           | 405 | NULL
					GET    | /cart/items | NULL             | NULL                                           | 405 | NULL
					DELETE | /cart/items | NULL             | NULL                                           | 405 | NULL
					PATCH  | /cart/items/501 | application/json | {oops                                      | 400 | NULL
					PATCH  | /cart/items/501 | application/json | ''                                         | 400 | NULL
					PATCH  | /cart/items/501 | application/json | {}                                         | 422 | quantity
					PATCH  | /cart/items/501 | application/json | '{"quantity": null}'                       | 422 | quantity
					PATCH  | /cart/items/501 | application/json | '{"quantity": "many"}'                     | 422 | quantity
					PATCH  | /cart/items/501 | application/json | '{"quantity": "5"}'                        | 422 | quantity
					PATCH  | /cart/items/501 | application/json | '{"quantity": 2.5}'                        | 422 | quantity
					PATCH  | /cart/items/501 | application/json | '{"quantity": false}'                      | 422 | quantity
					PATCH  | /cart/items/501 | application/json | '{"quantity": 0}'                          | 422 | quantity
					PATCH  | /cart/items/501 | application/json | '{"quantity": 1001}'                       | 422 | quantity
					PATCH  | /cart/items/501 | application/json | '{"quantity": 3000000000}'                 | 422 | quantity
					PATCH  | /cart/items/501 | application/json | '{"quantity": 2, "quantity": 3}'            | 400 | NULL
					PATCH  | /cart/items/abc | application/json | '{"quantity": 2}'                          | 422 | product_id
					PATCH  | /cart/items/0   | application/json | '{"quantity": 2}'                          | 422 | product_id
					PATCH  | /cart/items/-501 | application/json | '{"quantity": 2}'                         | 422 | product_id
					PATCH  | /cart/items/99999999999999999999 | application/json | '{"quantity": 2}'         | 422 | product_id
					PATCH  | /cart/items/501%27%20OR%20%271%27=%271 | application/json | '{"quantity": 2}'   | 422 | product_id
					PATCH  | /cart/items/777 | application/json | '{"quantity": 2}'                          | 404 | NULL
					PATCH  | /cart/items/501 | text/plain       | '{"quantity": 2}'                          | 415 | NULL
					PATCH  | /cart/items/501 | NULL             | '{"quantity": 2}'                          | 415 | NULL
					PUT    | /cart/items/501 | application/json | '{"quantity": 2}'                          | 405 | NULL
					POST   | /cart/items/501 | application/json | '{"quantity": 2}'                          | 405 | NULL
					GET    | /cart/items/abc | NULL             | NULL                                       | 422 | product_id
					GET    | /cart/items/0   | NULL             | NULL                                       | 422 | product_id
					GET    | /cart/items/777 | NULL             | NULL                                       | 404 | NULL
					DELETE | /cart/items/abc | NULL             | NULL                                       | 422 | product_id
					DELETE | /cart/items/0   | NULL             | NULL                                       | 422 | product_id
					DELETE | /cart/items/1.5 | NULL             | NULL                                       | 422 | product_id
					DELETE | /cart/items/0x1F5 | NULL           | NULL                                       | 422 | product_id
					DELETE | /cart/items/501%20OR%201=1 | NULL  | NULL                                       | 422 | product_id
					DELETE | /cart/items/777 | NULL             | NULL                                       | 404 | NULL
					DELETE | /cart/items/501;DROP%20TABLE%20cart_items | NULL | NULL                         | 400 | NULL
					POST   | /cart           | application/json | {}                                         | 405 | NULL
					PUT    | /cart           | application/json | {}                                         | 405 | NULL
					PATCH  | /cart           | application/json | {}                                         | 405 | NULL
					GET    | /cart/everything | NULL            | NULL                                       | 404 | NULL
					GET    | /carts          | NULL             | NULL                                       | 404 | NULL
					GET    | /cart/items/501/more | NULL        | NULL                                       | 404 | NULL
					""")
	void badRequestsAreRefusedWithProblemDetailsAndChangeNothing(String method, String path, String contentType,
			String body, int status, String field) {
		int rowsBefore = totalStoredLines();

		Response response = send(method, path, this.token, contentType, body);

		String detail = response.assertProblem(status);
		if (field != null) {
			assertThat(detail).contains(field);
		}
		assertNothingChanged(rowsBefore);
	}

	/**
	 * Refused from its declared length, unread: the body is never sent, as the service
	 * closes the connection at once and a client still writing could have it reset before
	 * it reads the 413 ({@link DeclaredBodyClient}).
	 */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			POST  | /cart/items
			PATCH | /cart/items/501
			""")
	void aBodyDeclaredOverOneMebibyteIs413(String method, String path) {
		int rowsBefore = totalStoredLines();
		String padding = "x".repeat(1024 * 1024);
		String body = "{\"product_id\": 501, \"quantity\": 1, \"padding\": \"" + padding + "\"}";

		Response response = declaring(method, path, body);

		assertThat(response.assertProblem(413)).isEqualTo("the request body is larger than 1048576 bytes");
		assertNothingChanged(rowsBefore);
	}

	/**
	 * A quantity change or removal for a product the cart has no line for is answered 404
	 * by the cart alone (README): asking the product service first would spend a lookup
	 * on a request that cannot succeed and, while the product service fails, turn the 404
	 * into a 503 and count against the breaker. The product exists, so a lookup would
	 * succeed: only the request count can tell.
	 */
	@Test
	void aChangeToAProductWithNoLineIs404WithoutAskingTheProductService() {
		products.product(777, "Not in this cart", "2.00", "USD", 100);
		int rowsBefore = totalStoredLines();
		int requestsBefore = products.requests();

		String detail = patch("/cart/items/777", this.token, "{\"quantity\": 2}").assertProblem(404);
		delete("/cart/items/777", this.token).assertProblem(404);

		assertThat(detail).isEqualTo("the cart has no line for product 777");
		assertThat(products.requests()).as("requests to the product service").isEqualTo(requestsBefore);
		assertNothingChanged(rowsBefore);
	}

	@EveryCartEndpoint
	void everyEndpointRefusesMissingAndBadTokensWith401(String method, String path) {
		int rowsBefore = totalStoredLines();
		String body = validBodyFor(method);
		String contentType = (body != null) ? "application/json" : null;
		List<String> badAuthorizations = new ArrayList<>(
				List.of("Bearer " + tokens.expired(this.user), "Bearer " + tokens.tampered(this.user),
						"Bearer " + tokens.algNone(this.user), "Bearer " + tokens.signedByUnknownKey(this.user),
						"Bearer not.a.jwt", "Bearer ", "Basic dXNlcjpwYXNzd29yZA==", tokens.user(this.user),
						"Bearer " + tokens.withRolesClaim(this.user, "user"), "Bearer " + tokens.user("not-a-uuid"),
						"Bearer " + tokens.user("1-1-1-1-1")));
		TestTokens.otherSpellings(tokens.user(this.user))
			.forEach((respelled) -> badAuthorizations.add("Bearer " + respelled));

		sendRaw(method, path, null, contentType, body).assertProblem(401);
		for (String authorization : badAuthorizations) {
			Response response = sendRaw(method, path, authorization, contentType, body);
			assertThat(response.status()).as("%s %s with %s", method, path, authorization).isEqualTo(401);
			response.assertProblem(401);
			if (authorization.startsWith("Bearer ")) {
				assertThat(response.header("WWW-Authenticate")).as("%s %s with %s", method, path, authorization)
					.startsWith("Bearer error=\"invalid_token\", "
							+ "error_description=\"the bearer token is invalid or expired\"");
			}
		}
		assertNothingChanged(rowsBefore);
	}

	@EveryCartEndpoint
	void aTokenWithoutTheUserRoleIs403(String method, String path) {
		int rowsBefore = totalStoredLines();
		String body = validBodyFor(method);
		String contentType = (body != null) ? "application/json" : null;

		Response withoutRole = send(method, path, tokens.token(this.user, List.of(), Duration.ofMinutes(5)),
				contentType, body);
		assertThat(withoutRole.assertProblem(403)).isEqualTo("this needs a token with the user role");
		assertThat(withoutRole.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"");

		assertNothingChanged(rowsBefore);
	}

	/**
	 * A 405 names the route and the methods it takes, in the order of its {@code Allow}
	 * header; Spring's detail named only the method ("Method 'POST' is not supported.").
	 */
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			POST   | /cart           | GET HEAD DELETE OPTIONS
			GET    | /cart/items     | POST OPTIONS
			PUT    | /cart/items/501 | GET HEAD PATCH DELETE OPTIONS
			""")
	void aMethodTheRouteDoesNotTakeIsToldWhichItTakes(String method, String path, String taken) {
		int rowsBefore = totalStoredLines();

		Response response = send(method, path, this.token, null, null);

		String detail = response.assertProblem(405);
		List<String> allowed = List.of(response.header("Allow").split(","));
		assertThat(allowed).containsExactlyInAnyOrder(taken.split(" "));
		assertThat(detail)
			.isEqualTo("the route " + path + " takes " + String.join(", ", allowed.subList(0, allowed.size() - 1))
					+ " and " + allowed.getLast() + ", not " + method);
		assertNothingChanged(rowsBefore);
	}

	/**
	 * A 406 names what the route answers with; Spring's detail was "Acceptable
	 * representations: [application/json].".
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/cart", "/cart/items/501" })
	void anAcceptTheRouteCannotAnswerIsToldWhatItAnswersWith(String path) {
		Response response = getAccepting(path, this.token, "application/json;q=0, text/html");

		assertThat(response.assertProblem(406))
			.isEqualTo("this route answers only with application/json, and the Accept header asks for none of it");
	}

	private void assertNothingChanged(int rowsBefore) {
		assertThat(totalStoredLines()).isEqualTo(rowsBefore);
		Response view = get("/cart", this.token);
		assertThat(view.json().get("items")).hasSize(1);
		assertThat(view.json().get("items").get(0).get("quantity").asInt()).isEqualTo(1);
	}

	/** The request {@code send} makes, with its body declared but never sent. */
	private Response declaring(String method, String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build();
		long started = System.nanoTime();
		HttpResponse<String> response = DeclaredBodyClient.send(request);
		return new Response(response, Duration.ofNanos(System.nanoTime() - started));
	}

	/** A body the endpoint would take, or none for the methods that take none. */
	private static String validBodyFor(String method) {
		return (method.equals("GET") || method.equals("DELETE")) ? null : "{\"product_id\": 501, \"quantity\": 1}";
	}

	/** Runs a test once for each of cart's endpoints, with its method and path. */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', textBlock = """
			GET    | /cart
			POST   | /cart/items
			PATCH  | /cart/items/501
			DELETE | /cart/items/501
			DELETE | /cart
			""")
	@interface EveryCartEndpoint {

	}

}
