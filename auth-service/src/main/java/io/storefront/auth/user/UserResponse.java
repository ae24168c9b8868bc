package io.storefront.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/** An account as the API shows it: never the password hash. */
public record UserResponse(UUID id, @Schema(example = "ann@example.com") String email,
		@Schema(nullable = true, example = "Ann Example") String fullName,
		@ArraySchema(arraySchema = @Schema(description = "user, and admin for an administrator"),
				schema = @Schema(example = "user")) List<String> roles,
		Instant createdAt) {

	static UserResponse of(UserAccount user) {
		return new UserResponse(user.id(), user.email(), user.fullName(), user.roles(), user.createdAt());
	}

}
