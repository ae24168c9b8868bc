package io.storefront.auth.user;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.storefront.web.openapi.OpenApiDefaults;
import io.storefront.web.security.JwtRoles;
import io.storefront.web.security.TokenDeniedException;

/**
 * Registration and reading accounts: a caller reads its own account, and an admin any.
 */
@RestController
@Tag(name = "Accounts", description = "Registration and the accounts' public details")
class UserController {

	private final Registration registration;

	private final Accounts accounts;

	UserController(Registration registration, Accounts accounts) {
		this.registration = registration;
		this.accounts = accounts;
	}

	@PostMapping(path = "/auth/register", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Create an account with the user role",
			description = "Public. The email is stored in its canonical form (see the field), the form login "
					+ "compares too.")
	@ApiResponse(responseCode = "201", description = "Created; Location names the account",
			headers = @Header(name = HttpHeaders.LOCATION, description = "/auth/users/{id}"))
	@ApiResponse(responseCode = "409", description = "An account with this email already exists")
	@ApiResponse(responseCode = "429", description = "Too many registrations from this address")
	ResponseEntity<UserResponse> register(@Valid @RequestBody RegisterRequest request) {
		UserAccount user = this.registration.register(request);
		return ResponseEntity.created(URI.create("/auth/users/" + user.id())).body(UserResponse.of(user));
	}

	@GetMapping(path = "/auth/me", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The account the bearer token belongs to",
			description = "The account is read at each call: a token whose account no longer exists, or whose subject "
					+ "is no account id, is a 401 as an invalid token is, whatever the method (not a 405).",
			security = @SecurityRequirement(name = OpenApiDefaults.BEARER))
	@ApiResponse(responseCode = "200", description = "The account")
	@ApiResponse(responseCode = "401", description = "Missing, invalid or expired token, or its user no longer exists")
	UserResponse me(@Parameter(hidden = true) @AuthenticationPrincipal Jwt token) {
		return UserResponse.of(this.accounts.ofToken(token));
	}

	@GetMapping(path = "/auth/users/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "One account: your own, or any with an admin token",
			description = "Any other account is a 403, whether it exists or not. A token whose account no longer "
					+ "exists is a 401, whichever account it asks for, admin role or not, and whatever the method or "
					+ "the id (not a 405 or a 422).",
			security = @SecurityRequirement(name = OpenApiDefaults.BEARER))
	@ApiResponse(responseCode = "200", description = "The account")
	@ApiResponse(responseCode = "401", description = "Missing, invalid or expired token, or its user no longer exists")
	@ApiResponse(responseCode = "403", description = "Another user's account, without the admin role")
	@ApiResponse(responseCode = "404", description = "No such account")
	@ApiResponse(responseCode = "422", description = "The id is not a UUID")
	UserResponse user(@Parameter(description = "Account id (UUID)") @PathVariable UUID id,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt token) {
		UserAccount holder = this.accounts.ofToken(token);
		if (holder.id().equals(id)) {
			return UserResponse.of(holder);
		}
		List<String> roles = token.getClaimAsStringList(JwtRoles.ROLES_CLAIM);
		if (roles == null || !roles.contains(Role.ADMIN)) {
			throw new TokenDeniedException("only the account's owner or an admin may read it");
		}
		return this.accounts.byId(id)
			.map(UserResponse::of)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no account with id " + id));
	}

}
