package io.storefront.auth.user;

import java.util.List;

/**
 * The roles a token can carry (the {@code roles} claim), in the order they are listed.
 */
public final class Role {

	public static final String USER = "user";

	public static final String ADMIN = "admin";

	public static final List<String> USER_ONLY = List.of(USER);

	public static final List<String> ADMINISTRATOR = List.of(USER, ADMIN);

	private Role() {
	}

}
