package io.storefront.auth.session;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.storefront.auth.key.AccessTokenIssuer;
import io.storefront.auth.web.TokenSubject;
import io.storefront.web.openapi.OpenApiDefaults;
import io.storefront.web.problem.InvalidFieldException;

/**
 * Login, refresh-token rotation and logout. Token responses are never cached (RFC 6749
 * section 5.1).
 */
@RestController
@Tag(name = "Sessions", description = "Login, refresh and logout")
class SessionController {

	private final SessionService sessions;

	SessionController(SessionService sessions) {
		this.sessions = sessions;
	}

	@PostMapping(path = "/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Exchange email and password for an access token and a refresh token",
			description = "Public. The answer is not to be stored (Cache-Control: no-store).")
	@ApiResponse(responseCode = "200", description = "Signed in")
	@ApiResponse(responseCode = "401", description = "Unknown email or wrong password (the same answer for both)")
	@ApiResponse(responseCode = "429",
			description = "Too many attempts from this address, or too many failed or simultaneous ones for this account")
	ResponseEntity<TokenResponse> login(@Valid @RequestBody LoginRequest request) {
		return noStore(this.sessions.login(request.email(), request.password()));
	}

	@PostMapping(path = "/auth/refresh", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Exchange a refresh token for a new pair; the presented token stops working",
			description = "Presenting a refresh token that was already used revokes every token descending from the same login.")
	@ApiResponse(responseCode = "200", description = "A new access token and refresh token")
	@ApiResponse(responseCode = "401", description = "Unknown, expired, already used or revoked refresh token")
	@ApiResponse(responseCode = "429", description = "Too many refreshes from this address")
	ResponseEntity<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request) {
		return noStore(this.sessions.refresh(request.refreshToken()));
	}

	@PostMapping(path = "/auth/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "End a session: revoke the refresh token's family, or the bearer token's session",
			description = "Idempotent: an unknown or already revoked token is also answered with 204. "
					+ "Access tokens already issued stay valid until they expire (at most 15 minutes). A bearer token "
					+ "is used only when it is valid and its account still exists; any other is passed over as if none "
					+ "had been sent.",
			security = @SecurityRequirement(name = OpenApiDefaults.BEARER))
	@ApiResponse(responseCode = "204", description = "Logged out")
	@ApiResponse(responseCode = "422",
			description = "Neither a refresh token nor a valid bearer token of an existing account")
	ResponseEntity<Void> logout(@Valid @RequestBody(required = false) LogoutRequest request,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt bearer) {
		String refreshToken = (request != null && request.refreshToken() != null && !request.refreshToken().isBlank())
				? request.refreshToken() : null;
		// Verification already passed over a bearer that names no existing account
		// (AccountHolderCheck); this holds should it ever be verified otherwise.
		UUID bearerUserId = (bearer != null) ? TokenSubject.ifUserId(bearer).orElse(null) : null;
		if (refreshToken == null && bearerUserId == null) {
			throw new InvalidFieldException("refresh_token", "is required unless a valid bearer access token is sent");
		}
		this.sessions.logout(refreshToken, bearerUserId,
				(bearerUserId != null) ? uuid(bearer.getClaimAsString(AccessTokenIssuer.SESSION_CLAIM)) : null);
		return ResponseEntity.noContent().build();
	}

	private static ResponseEntity<TokenResponse> noStore(TokenResponse tokens) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.PRAGMA, "no-cache")
			.body(tokens);
	}

	private static UUID uuid(String value) {
		try {
			return (value != null) ? UUID.fromString(value) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
