package io.storefront.product.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.storefront.product.ProductApiTestSupport;
import io.storefront.web.testing.TestTokens;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

class TokenVerificationTests extends ProductApiTestSupport {

	@Test
	void keyRotationAtTheJwksIsPickedUpWithoutRestart() {
		assertThat(send("POST", "/products", tokens.admin(), product(unique("ROT"), "Before", "rotation").toString())
			.statusCode()).isEqualTo(201);
		String oldKeyToken = tokens.admin();
		int fetchesBefore = tokens.jwksRequests();

		tokens.rotate();
		// Verifiers refetch the key set at most once a second, so the new key may take
		// that long to count.
		String newKeyToken = tokens.admin();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			HttpResponse<String> newKey = send("POST", "/products", newKeyToken,
					product(unique("ROT"), "After", "rotation").toString());
			assertThat(newKey.statusCode()).as(newKey.body()).isEqualTo(201);
		});
		assertThat(tokens.jwksRequests()).isGreaterThan(fetchesBefore);
		assertThat(send("POST", "/products", oldKeyToken, product(unique("ROT"), "Old key", "rotation").toString())
			.statusCode()).isEqualTo(201);
	}

	@Test
	void tokensThatAreNotGenuineAndCurrentAre401() {
		String body = product(unique("BAD"), "Bad token", "tokens").toString();
		long before = productCount();

		for (String token : List.of(tokens.expired("u1"), tokens.tampered("u2"), tokens.algNone("u3"),
				tokens.signedByUnknownKey("u4"), tokens.withoutExpiry("u6"),
				tokens.token("u5", List.of("admin"), Duration.ofSeconds(-120)), "header.payload.signature", "")) {
			HttpResponse<String> response = send("POST", "/products", token.isEmpty() ? null : token, body);
			assertProblem(response, 401);
		}
		assertThat(productCount()).isEqualTo(before);
	}

	/**
	 * The challenge says what the problem says; the decoder's reason (which check failed,
	 * in the JWT library's words) is only logged.
	 */
	@Test
	void theChallengeForAnInvalidTokenNamesNoReason() {
		String body = product(unique("WHY"), "Why", "tokens").toString();

		for (String token : List.of(tokens.expired("u1"), tokens.tampered("u2"), tokens.signedByUnknownKey("u3"))) {
			HttpResponse<String> response = send("POST", "/products", token, body);
			assertProblem(response, 401);
			assertThat(response.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith(
						"Bearer error=\"invalid_token\", error_description=\"the bearer token is invalid or expired\""));
		}
	}

	/**
	 * An admin's token spelled another way (padded, or a signature character with its
	 * unused bits set) decodes to the same bytes, but is not the token auth-service
	 * issued.
	 */
	@Test
	void anAdminsTokenSpelledAnotherWayIs401() {
		String admin = tokens.admin();
		String body = product(unique("SPELL"), "Spelling", "tokens").toString();
		long before = productCount();

		for (String respelled : TestTokens.otherSpellings(admin)) {
			assertProblem(send("POST", "/products", respelled, body), 401);
		}
		assertThat(productCount()).isEqualTo(before);
		assertThat(send("POST", "/products", admin, body).statusCode()).isEqualTo(201);
	}

	/**
	 * With a user's token and an admin's, Spring would act for whichever came first, and
	 * a proxy checking the last would see the other caller.
	 */
	@Test
	void twoAuthorizationHeadersAre400WhicheverComesFirst() {
		String body = product(unique("TWO"), "Two tokens", "tokens").toString();
		long before = productCount();

		for (List<String> tokensInOrder : List.of(List.of(tokens.admin(), tokens.user()),
				List.of(tokens.user(), tokens.admin()))) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/products"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + tokensInOrder.get(0))
				.header("Authorization", "Bearer " + tokensInOrder.get(1))
				.POST(HttpRequest.BodyPublishers.ofString(body)));
			assertProblem(response, 400);
		}
		assertThat(productCount()).isEqualTo(before);
	}

	@Test
	void adminRoleIsReadFromTheRolesClaim() {
		String adminOnly = tokens.token("ops", List.of("admin"), Duration.ofMinutes(5));
		String noRoles = tokens.token("nobody", List.of(), Duration.ofMinutes(5));
		String lookalike = tokens.token("mallory", List.of("ADMIN", "administrator", "ROLE_admin"),
				Duration.ofMinutes(5));

		assertThat(send("POST", "/products", adminOnly, product(unique("ROLE"), "Admin only", "roles").toString())
			.statusCode()).isEqualTo(201);
		assertProblem(send("POST", "/products", noRoles, product(unique("ROLE"), "No roles", "roles").toString()), 403);
		assertProblem(send("POST", "/products", lookalike, product(unique("ROLE"), "Lookalike", "roles").toString()),
				403);
	}

}
