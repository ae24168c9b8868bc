package io.storefront.auth.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of {@code users}. {@link #toString()} leaves the password hash out. */
public record UserAccount(UUID id, String email, String passwordHash, String fullName, List<String> roles,
		Instant createdAt, Instant updatedAt) {

	public UserAccount {
		roles = List.copyOf(roles);
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	@Override
	public String toString() {
		return "UserAccount[id=" + this.id + ", email=" + this.email + ", roles=" + this.roles + "]";
	}

}
