package io.storefront.product.catalog;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.storefront.web.problem.InvalidFieldException;
import io.storefront.web.text.DisplayText;

/**
 * {@code /products}: reading is public, writing needs an admin token (see
 * {@code io.storefront.product.web.SecurityConfiguration}). Errors are problem+json from
 * the shared handler; the ones raised here are 404, 409, 412 and 422 for an id or
 * {@code q} out of range. The API description names each outcome once: the ones several
 * operations share in {@link AdminOnly}, {@link ProductById}, {@link UniqueSku} and
 * {@link ConditionalWrite}; storefront-web describes every error's body and adds the
 * errors that follow from the operation itself (400, 401, 413, 415, 422 for a body, 503;
 * its 412 for If-Match gives way to the ones described here).
 */
@RestController
@RequestMapping("/products")
@Tag(name = "Products", description = "The catalog: public reads, admin-only writes")
class ProductController {

	static final int MAX_OFFSET = 10_000;

	private final ProductCatalog catalog;

	ProductController(ProductCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "List or search products",
			description = "Pages through the catalog in (name, id) order. Every word of q must appear in the name or "
					+ "the description (case-insensitive substring; % and _ are literal); with q, products whose name "
					+ "holds more of the words come first, then (name, id).")
	@ApiResponse(responseCode = "200", description = "one page and the total number of matches")
	@ApiResponse(responseCode = "422", description = "a parameter is out of range, of the wrong type, or given twice")
	ProductPage listProducts(@Parameter(
			description = "words to find in name or description (at most 8 different words, case aside; 200 characters)") @RequestParam(
					required = false) @Size(max = 200) @Pattern(regexp = DisplayText.LINES,
							message = DisplayText.LINES_MESSAGE) String q,
			@Parameter(description = "exact category; leading and trailing white space is ignored") @RequestParam(
					required = false) @Size(max = 100) @Pattern(regexp = DisplayText.ONE_LINE,
							message = DisplayText.ONE_LINE_MESSAGE) String category,
			@Parameter(description = "page size, 1 to 100") @RequestParam(
					defaultValue = "20") @Min(1) @Max(100) int limit,
			@Parameter(description = "items to skip, 0 to " + MAX_OFFSET) @RequestParam(
					defaultValue = "0") @Min(0) @Max(MAX_OFFSET) int offset) {
		List<String> words = ProductQuery.wordsOf(q);
		if (words.size() > ProductQuery.MAX_WORDS) {
			throw new InvalidFieldException("q", "may contain at most " + ProductQuery.MAX_WORDS + " words");
		}
		Optional<String> exactCategory = Optional.ofNullable(category)
			.map(String::strip)
			.filter((text) -> !text.isEmpty());
		return this.catalog.search(new ProductQuery(words, exactCategory, limit, offset));
	}

	@GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Get one product",
			description = "The ETag header carries the product's version, for If-Match and If-None-Match here and on "
					+ "PUT and DELETE. Cache-Control: no-cache lets a cache keep the product but not use it without "
					+ "asking again, which the ETag makes cheap (304).")
	@ApiResponse(responseCode = "200", description = "the product",
			headers = { @Header(name = HttpHeaders.ETAG, description = "the product's version"),
					@Header(name = HttpHeaders.CACHE_CONTROL, description = "no-cache") })
	@ApiResponse(responseCode = "304",
			description = "If-None-Match named the current version (W/ or not), or was *; no body",
			headers = { @Header(name = HttpHeaders.ETAG, description = "the product's version"),
					@Header(name = HttpHeaders.CACHE_CONTROL, description = "no-cache") })
	@ApiResponse(responseCode = "412", description = "If-Match does not name the product's current version")
	@ProductById
	ResponseEntity<Product> getProduct(@ProductIdParameter @PathVariable long id,
			@Parameter(description = "only answer if the product still has this version (an ETag read earlier); "
					+ "* matches any version") @RequestHeader(name = HttpHeaders.IF_MATCH,
							required = false) String ifMatch,
			@Parameter(description = "an ETag read earlier: 304 without a body while it still names the current "
					+ "version; * matches any version") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
							required = false) String ifNoneMatch) {
		StoredProduct stored = this.catalog.get(positive(id));
		EntityTags.Precondition precondition = EntityTags.ifMatch(ifMatch);
		if (!precondition.holdsFor(stored.version())) {
			throw VersionMismatchException.ifMatchFailed(id, precondition);
		}
		boolean notModified = !EntityTags.ifNoneMatch(ifNoneMatch).holdsFor(stored.version());
		// RFC 9110, section 15.4.5: the 304 has the headers the 200 would have
		ResponseEntity.BodyBuilder response = ResponseEntity
			.status(notModified ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
			.eTag(stored.etag())
			.cacheControl(CacheControl.noCache());
		return notModified ? response.build() : response.body(stored.product());
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	@AdminOnly
	@Operation(summary = "Create a product (admin)",
			description = "The ETag header carries the new product's version, for If-Match on later writes.")
	@ApiResponse(responseCode = "201", description = "created; Location names the new product",
			headers = { @Header(name = HttpHeaders.LOCATION, description = "/products/{id}"),
					@Header(name = HttpHeaders.ETAG, description = "the product's version") })
	@UniqueSku
	ResponseEntity<Product> createProduct(@Valid @RequestBody ProductRequest product) {
		StoredProduct created = this.catalog.create(product);
		return ResponseEntity.created(URI.create("/products/" + created.product().id()))
			.eTag(created.etag())
			.body(created.product());
	}

	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@AdminOnly
	@Operation(summary = "Replace a product (admin)",
			description = "Full replacement: every required field must be sent. With If-Match, the product is "
					+ "replaced only if its version is one of those named; with If-None-Match, only if it is none of "
					+ "them (If-None-Match: * never replaces: a PUT does not create).")
	@ApiResponse(responseCode = "200", description = "the replaced product",
			headers = @Header(name = HttpHeaders.ETAG, description = "the product's new version"))
	@ProductById
	@UniqueSku
	@ConditionalWrite
	ResponseEntity<Product> replaceProduct(@ProductIdParameter @PathVariable long id,
			@Parameter(hidden = true) WriteConditions conditions, @Valid @RequestBody ProductRequest product) {
		StoredProduct replaced = this.catalog.replace(positive(id), product, conditions);
		return ResponseEntity.ok().eTag(replaced.etag()).body(replaced.product());
	}

	@DeleteMapping("/{id}")
	@AdminOnly
	@Operation(summary = "Delete a product (admin)",
			description = "With If-Match, the product is deleted only if its version is one of those named; with "
					+ "If-None-Match, only if it is none of them (If-None-Match: * never deletes).")
	@ApiResponse(responseCode = "204", description = "deleted")
	@ProductById
	@ConditionalWrite
	ResponseEntity<Void> deleteProduct(@ProductIdParameter @PathVariable long id,
			@Parameter(hidden = true) WriteConditions conditions) {
		this.catalog.delete(positive(id), conditions);
		return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
	}

	/**
	 * Ids are positive (identity column); zero or a negative number is out of range, not
	 * unknown.
	 */
	private static long positive(long id) {
		if (id < 1) {
			// in the words of @Positive on a body field (ValidationMessages.properties)
			throw new InvalidFieldException("id", "must be more than 0");
		}
		return id;
	}

}
