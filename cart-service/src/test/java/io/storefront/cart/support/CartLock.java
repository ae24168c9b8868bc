package io.storefront.cart.support;

import java.sql.Connection;
import java.sql.PreparedStatement;

/** The lock cart-service takes before changing a user's cart, taken by a test instead. */
public final class CartLock {

	private CartLock() {
	}

	/**
	 * Takes the lock in {@code connection}'s transaction (key: 'cart', hash of the user
	 * id), until it ends.
	 */
	public static void hold(Connection connection, String user) throws Exception {
		try (PreparedStatement lock = connection
			.prepareStatement("SELECT pg_advisory_xact_lock(x'63617274'::int, hashtext(?))")) {
			lock.setString(1, user);
			lock.executeQuery().close();
		}
	}

}
