package io.storefront.auth.key;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public half of the signing keys, for every service that verifies access tokens. */
@RestController
@Tag(name = "Keys", description = "The public keys that verify access tokens")
class JwksController {

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Public RSA keys access tokens are signed with (RFC 7517 JWK Set)",
			description = "Public, and cacheable for 5 minutes. An access token names its key in its kid header.")
	@ApiResponse(responseCode = "200", description = "The key new tokens are signed with, then every other stored key",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = PublishedKeys.class)))
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(this.keys.publishedKeys().toJSONObject(true));
	}

	/**
	 * What the body holds, for the API description only: the body itself is Nimbus's own
	 * JSON of the key set, so that every member it writes is kept as RFC 7517 has it.
	 */
	@Schema(name = "PublishedKeys", description = "A JWK Set (RFC 7517)")
	record PublishedKeys(List<PublishedKey> keys) {
	}

	@Schema(name = "PublishedKey", description = "An RSA public key (RFC 7517, RFC 7518 section 6.3)")
	record PublishedKey(@Schema(example = "RSA") String kty,
			@Schema(description = "The key id access tokens name in their kid header") String kid,
			@Schema(example = "RS256") String alg, @Schema(example = "sig") String use,
			@Schema(description = "Modulus, base64url") String n,
			@Schema(description = "Public exponent, base64url", example = "AQAB") String e) {
	}

}
