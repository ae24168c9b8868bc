package io.storefront.apiclient;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.storefront.client.auth.api.AccountsApi;
import io.storefront.client.auth.api.SessionsApi;
import io.storefront.client.auth.model.LoginRequest;
import io.storefront.client.auth.model.RegisterRequest;
import io.storefront.client.auth.model.TokenResponse;
import io.storefront.client.auth.model.UserResponse;
import io.storefront.client.cart.api.CartApi;
import io.storefront.client.cart.model.AddItem;
import io.storefront.client.cart.model.Cart;
import io.storefront.client.cart.model.CartItem;
import io.storefront.client.product.ApiResponse;
import io.storefront.client.product.api.ProductsApi;
import io.storefront.client.product.model.Product;
import io.storefront.client.product.model.ProductPage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Clients generated from the published descriptions ({@code docs/api/*.json}) against the
 * three services of {@code ./storefront up}: what a user of the descriptions would write,
 * and what would break first if a description said something the services do not do.
 */
class GeneratedClientJourneyIT {

	private static Path state;

	private static Storefront storefront;

	@BeforeAll
	static void startTheServices() throws Exception {
		state = Files.createTempDirectory("storefront-api-client");
		storefront = Storefront.up(state);
		storefront.awaitUp(Duration.ofMinutes(6));
	}

	@AfterAll
	static void stopTheServices() throws InterruptedException, IOException {
		if (storefront != null) {
			storefront.close();
		}
		if (state != null) {
			deleteRecursively(state);
		}
	}

	@Test
	void aGeneratedClientRegistersLogsInBrowsesAndFillsACart() throws Exception {
		String email = "client-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		io.storefront.client.auth.ApiClient auth = new io.storefront.client.auth.ApiClient();
		auth.updateBaseUri(storefront.url(1));
		io.storefront.client.product.ApiClient product = new io.storefront.client.product.ApiClient();
		product.updateBaseUri(storefront.url(2));
		io.storefront.client.cart.ApiClient cart = new io.storefront.client.cart.ApiClient();
		cart.updateBaseUri(storefront.url(3));
		AccountsApi accounts = new AccountsApi(auth);
		SessionsApi sessions = new SessionsApi(auth);
		ProductsApi products = new ProductsApi(product);
		CartApi carts = new CartApi(cart);

		UserResponse registered = accounts
			.register(new RegisterRequest().email(email).password("correct horse battery").fullName("Cli Ent"));
		assertThat(registered.getEmail()).isEqualTo(email);
		assertThat(registered.getRoles()).containsExactly("user");

		TokenResponse tokens = sessions.login(new LoginRequest().email(email).password("correct horse battery"));
		assertThat(tokens.getTokenType()).isEqualTo("bearer");
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + tokens.getAccessToken());
		assertThat(accounts.me(bearer).getId()).isEqualTo(registered.getId());

		ProductPage page = products.listProducts(null, null, 5, 0);
		assertThat(page.getItems()).isNotEmpty();
		assertThat(page.getTotal()).isGreaterThanOrEqualTo(page.getItems().size());
		Product listed = page.getItems().stream().filter((each) -> each.getStock() > 0).findFirst().orElseThrow();
		ApiResponse<Product> answer = products.getProductWithHttpInfo(listed.getId(), null, null);
		Product read = answer.getData();
		assertThat(read.getPrice()).isEqualByComparingTo(listed.getPrice()).isPositive();
		assertThat(read.getPrice().scale()).isEqualTo(2);
		String etag = answer.getHeaders().get("etag").get(0);
		assertThatExceptionOfType(io.storefront.client.product.ApiException.class)
			.isThrownBy(() -> products.getProduct(listed.getId(), null, etag))
			.satisfies((notModified) -> assertThat(notModified.getCode()).isEqualTo(304));

		Cart added = carts.add(new AddItem().productId(read.getId()).quantity(2), null, null, bearer);
		assertThat(added.getItems()).extracting(CartItem::getProductId).containsExactly(read.getId());

		Cart filled = carts.view(bearer);
		assertThat(filled.getUserId()).isEqualTo(registered.getId());
		assertThat(filled.getCurrency()).isEqualTo(read.getCurrency());
		CartItem line = filled.getItems().get(0);
		assertThat(line.getQuantity()).isEqualTo(2);
		assertThat(line.getUnitPrice()).isEqualByComparingTo(read.getPrice());
		assertThat(filled.getTotal()).isEqualByComparingTo(read.getPrice().multiply(BigDecimal.valueOf(2)));
		assertThat(carts.viewLine(read.getId(), bearer)).isEqualTo(line);
	}

	private static void deleteRecursively(Path folder) throws IOException {
		try (var paths = Files.walk(folder)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

}
