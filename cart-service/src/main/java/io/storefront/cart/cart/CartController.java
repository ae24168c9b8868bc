package io.storefront.cart.cart;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.storefront.web.openapi.OpenApiDefaults;

/**
 * The signed-in user's cart. There is no user id in any path: the cart is the token's
 * subject's. Error responses are problem+json (described once for every operation by
 * storefront-web's OpenApiDefaults, with the 401 and a body's 422); the outcomes of every
 * operation here are declared on the class, those of a line's operations by
 * {@link ExistingLine}, and the preconditions every change takes by
 * {@link ConditionalChange}.
 */
@RestController
@RequestMapping("/cart")
@Tag(name = "Cart", description = "The signed-in user's shopping cart")
@SecurityRequirement(name = OpenApiDefaults.BEARER)
@ApiResponse(responseCode = "403", description = "The token is not a user's token")
@ApiResponse(responseCode = "503",
		description = "A dependency is unavailable (Retry-After): the database; for adds and quantity changes also the "
				+ "product service, when it is unreachable, too slow or failing, or while its circuit breaker is open")
class CartController {

	/** Every change waits for the others to the same cart, and at most 5 s. */
	private static final String BUSY = "the cart is busy with other changes (a change waited over 5 s for them)";

	private static final String RETRY_AFTER = "Seconds to wait before retrying; sent with the conflicts worth retrying";

	private final CartService carts;

	CartController(CartService carts) {
		this.carts = carts;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Show the cart",
			description = "Lines with the name and unit price of the newest product version an add or raise saw, line totals "
					+ "and the total. An empty cart has no items, total 0.00 and currency null. Never calls the product "
					+ "service, so it works while that service is down.")
	@ApiResponse(responseCode = "200", description = "The cart")
	CartView view(Authentication user) {
		return this.carts.view(CartOwner.of(user));
	}

	@PostMapping(path = "/items", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Add a product",
			description = "Checks the product through the product service, then adds the quantity to the product's "
					+ "line in one atomic statement (concurrent adds never lose a unit) and refreshes the line's "
					+ "name and price, unless the line already holds a newer version of the product. Answers with "
					+ "the whole cart.")
	@ApiResponse(responseCode = "201", description = "A new line was made; the cart. Location names the line",
			headers = @Header(name = HttpHeaders.LOCATION, description = "/cart/items/{product_id}"))
	@ApiResponse(responseCode = "200", description = "The quantity was added to an existing line; the cart")
	@ApiResponse(responseCode = "404", description = "No such product")
	@ApiResponse(responseCode = "409",
			description = "Not enough stock for the resulting quantity (the detail states the stock), the line would "
					+ "exceed 1000 units, the product is priced in another currency than the cart, or the cart "
					+ "already holds 100 products; or, worth retrying after Retry-After: " + BUSY
					+ ", or the product could not be added as the line changed meanwhile",
			headers = @Header(name = HttpHeaders.RETRY_AFTER, description = RETRY_AFTER,
					schema = @Schema(type = "integer")))
	@ApiResponse(responseCode = "502",
			description = "The product service answered with something that is not a product")
	@ConditionalChange
	ResponseEntity<CartView> add(Authentication user, @Parameter(hidden = true) CartPreconditions preconditions,
			@Valid @RequestBody AddItemRequest item) {
		preconditions.requireForCart();
		CartService.Added added = this.carts.add(CartOwner.of(user), item.productId(), item.quantity());
		if (added.created()) {
			return ResponseEntity.created(URI.create("/cart/items/" + item.productId())).body(added.cart());
		}
		return ResponseEntity.ok(added.cart());
	}

	@GetMapping(path = "/items/{product_id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Show a line",
			description = "The product's line as GET /cart shows it; where an add that made a new line points with "
					+ "Location. Never calls the product service.")
	@ApiResponse(responseCode = "200", description = "The line")
	@ExistingLine
	CartView.Item viewLine(Authentication user, @LineProductId @PathVariable("product_id") long productId) {
		return this.carts.line(CartOwner.of(user), ProductIds.requirePositive(productId));
	}

	@PatchMapping(path = "/items/{product_id}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Set a line's quantity",
			description = "A raise checks the stock through the product service first and, like an add, takes the "
					+ "product's current name and price (a product now priced in another currency than the cart's other "
					+ "lines is a 409); lowering or keeping the quantity never calls it, so a line the stock dropped "
					+ "below can still be brought down, and keeps the line's name and price. Answers with the whole cart.")
	@ApiResponse(responseCode = "200", description = "The cart")
	@ExistingLine
	@ApiResponse(responseCode = "409",
			description = "A raise beyond the stock, of a product no longer sold, or of one now priced in another currency "
					+ "than the cart's other lines; or, worth retrying after Retry-After: " + BUSY,
			headers = @Header(name = HttpHeaders.RETRY_AFTER, description = RETRY_AFTER,
					schema = @Schema(type = "integer")))
	@ApiResponse(responseCode = "502",
			description = "The product service answered with something that is not a product")
	@ConditionalChange
	CartView setQuantity(Authentication user, @LineProductId @PathVariable("product_id") long productId,
			@Parameter(hidden = true) CartPreconditions preconditions, @Valid @RequestBody SetQuantityRequest change) {
		UUID owner = CartOwner.of(user);
		long lineProductId = ProductIds.requirePositive(productId);
		this.carts.requirePreconditions(owner, lineProductId, preconditions);
		return this.carts.setQuantity(owner, lineProductId, change.quantity());
	}

	@DeleteMapping("/items/{product_id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Remove a line", description = "A product with no line in the cart is a 404.")
	@ApiResponse(responseCode = "204", description = "Removed")
	@ExistingLine
	@ApiResponse(responseCode = "409", description = "Worth retrying after Retry-After: " + BUSY,
			headers = @Header(name = HttpHeaders.RETRY_AFTER, description = RETRY_AFTER,
					schema = @Schema(type = "integer")))
	@ConditionalChange
	void remove(Authentication user, @LineProductId @PathVariable("product_id") long productId,
			@Parameter(hidden = true) CartPreconditions preconditions) {
		UUID owner = CartOwner.of(user);
		long lineProductId = ProductIds.requirePositive(productId);
		this.carts.requirePreconditions(owner, lineProductId, preconditions);
		this.carts.remove(owner, lineProductId);
	}

	@DeleteMapping
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Empty the cart", description = "Idempotent: emptying an empty cart is also 204.")
	@ApiResponse(responseCode = "204", description = "The cart is empty")
	@ApiResponse(responseCode = "409", description = "Worth retrying after Retry-After: " + BUSY,
			headers = @Header(name = HttpHeaders.RETRY_AFTER, description = RETRY_AFTER,
					schema = @Schema(type = "integer")))
	@ConditionalChange
	void clear(Authentication user, @Parameter(hidden = true) CartPreconditions preconditions) {
		preconditions.requireForCart();
		this.carts.clear(CartOwner.of(user));
	}

}
