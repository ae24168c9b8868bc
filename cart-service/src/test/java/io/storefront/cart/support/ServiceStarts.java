package io.storefront.cart.support;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;

import io.storefront.cart.CartServiceApplication;
import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.config.KnownServices;
import io.storefront.db.testing.TestPostgres;

/**
 * Starts a second, separate cart-service in this JVM with some settings changed, as an
 * operator would by changing its environment; used to prove which settings stop start-up.
 * Through {@link SpringApplicationBuilder}, not {@code main}, which would exit the JVM on
 * failure.
 */
public final class ServiceStarts {

	private ServiceStarts() {
	}

	/**
	 * Starts with the overrides, expecting start-up to fail because of a setting.
	 * @return the failure that names the setting
	 */
	public static InvalidSettingException refusedStart(Map<String, String> overrides) {
		try {
			start(overrides);
		}
		catch (RuntimeException ex) {
			return CauseChain.find(ex, InvalidSettingException.class)
				.orElseThrow(() -> new AssertionError("start-up failed, but not because of a setting", ex));
		}
		throw new AssertionError("start-up succeeded with " + overrides);
	}

	public static void start(Map<String, String> overrides) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("DATABASE_URL", TestPostgres.shared().databaseUrl(KnownServices.CART));
		properties.put("DATABASE_STARTUP_TIMEOUT", "1");
		properties.put("AUTH_JWKS_URL", SharedTokens.tokens().jwksUrl());
		properties.put("PRODUCT_SERVICE_URL", ProductServiceStub.shared().url());
		properties.putAll(overrides);
		new SpringApplicationBuilder(CartServiceApplication.class).properties(properties).run().close();
	}

}
