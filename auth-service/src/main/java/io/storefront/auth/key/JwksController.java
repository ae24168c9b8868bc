package io.storefront.auth.key;

import java.time.Duration;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public half of the signing keys, for every service that verifies access tokens. */
@RestController
@Tag(name = "Keys")
class JwksController {

	private final SigningKeys keys;

	JwksController(SigningKeys keys) {
		this.keys = keys;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Public RSA keys access tokens are signed with (RFC 7517 JWK Set)")
	@ApiResponse(responseCode = "200",
			description = "{\"keys\": [{\"kty\": \"RSA\", \"kid\": …, \"alg\": \"RS256\", \"use\": \"sig\", \"n\": …, \"e\": …}]}")
	ResponseEntity<Map<String, Object>> jwks() {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(this.keys.publishedKeys().toJSONObject(true));
	}

}
