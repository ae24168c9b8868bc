package io.storefront.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.json.JsonMapper;

import io.storefront.db.config.KnownServices;
import io.storefront.db.config.ServiceIdentity;
import io.storefront.db.config.StorefrontSettings;
import io.storefront.web.security.JwksJwtDecoders;

/**
 * The environment variables each service reads, taken from the constants the code reads
 * them by: the shared settings reader's (storefront-db), the JWT resource server's
 * (storefront-web), and each service's own, loaded from its compiled classes; and the
 * {@code storefront.*} settings the libraries and the service declare, and the settings
 * Spring Boot and the other libraries declare ({@code SERVER_FORWARD_HEADERS_STRATEGY}),
 * as Spring Boot binds them from the environment.
 */
final class ServiceVariables {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final String PRODUCT_SERVICE_URL = "io.storefront.cart.product.ProductServiceUrl#VARIABLE";

	private static final List<String> ADMIN_ACCOUNT = List.of(
			"io.storefront.auth.admin.AdminAccountSettings#AUTH_ADMIN_EMAIL",
			"io.storefront.auth.admin.AdminAccountSettings#AUTH_ADMIN_PASSWORD");

	/**
	 * Where each service's own variables are named: class and constant. A service with
	 * none of its own needs no entry.
	 */
	private static final Map<ServiceIdentity, List<String>> OWN = Map.of(KnownServices.AUTH,
			List.of(ADMIN_ACCOUNT.get(0), ADMIN_ACCOUNT.get(1),
					"io.storefront.auth.key.SigningKeyConfiguration#AUTH_SIGNING_KEY"),
			KnownServices.PRODUCT, List.of("io.storefront.product.devdata.DevCatalog#VARIABLE"), KnownServices.CART,
			List.of(PRODUCT_SERVICE_URL));

	private ServiceVariables() {
	}

	/** The variable through which cart-service finds product-service. */
	static String productServiceUrl() {
		return constant(KnownServices.CART, PRODUCT_SERVICE_URL);
	}

	/** The variables auth-service creates or updates its administrator account from. */
	static List<String> adminAccount() {
		return ADMIN_ACCOUNT.stream().map((reference) -> constant(KnownServices.AUTH, reference)).toList();
	}

	static Set<String> readBy(ServiceIdentity service) {
		Set<String> names = new TreeSet<>(constants(StorefrontSettings.class));
		if (!service.equals(KnownServices.AUTH)) {
			names.add(JwksJwtDecoders.AUTH_JWKS_URL);
		}
		OWN.getOrDefault(service, List.of()).forEach((reference) -> names.add(constant(service, reference)));
		for (String module : List.of("storefront-db", "storefront-web", service.name())) {
			settingsOf(module).forEach((property) -> names.add(variable(property)));
		}
		LibrarySettings.NAMES.forEach((property) -> names.add(variable(property)));
		return names;
	}

	/**
	 * The environment variable Spring Boot binds to {@code property}:
	 * {@code STOREFRONT_SHUTDOWN_DRAIN_PERIOD} for
	 * {@code storefront.shutdown.drain-period}.
	 */
	static String variable(String property) {
		return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
	}

	/**
	 * The {@code @ConfigurationProperties} a module declares, from the metadata Spring
	 * Boot's configuration processor writes into its compiled classes; none when it
	 * declares none.
	 */
	private static List<String> settingsOf(String module) {
		Path metadata = Repository.root().resolve(module).resolve("target/classes").resolve(METADATA);
		if (!Files.isRegularFile(metadata)) {
			return List.of();
		}
		List<String> properties = new ArrayList<>();
		JsonMapper.shared()
			.readTree(metadata.toFile())
			.path("properties")
			.forEach((property) -> properties.add(property.path("name").asString()));
		return properties;
	}

	/**
	 * The settings declared by the jars on this class path (Spring Boot's, springdoc's,
	 * …): the same libraries the services run on. Read once.
	 */
	private static final class LibrarySettings {

		static final List<String> NAMES = read();

		private static List<String> read() {
			List<String> properties = new ArrayList<>();
			try {
				for (URL metadata : Collections.list(ServiceVariables.class.getClassLoader().getResources(METADATA))) {
					try (InputStream in = metadata.openStream()) {
						JsonMapper.shared()
							.readTree(in)
							.path("properties")
							.forEach((property) -> properties.add(property.path("name").asString()));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return properties;
		}

	}

	/** A {@code static final String} of the service's own code, {@code class#FIELD}. */
	private static String constant(ServiceIdentity service, String reference) {
		String[] parts = reference.split("#");
		try (URLClassLoader classes = compiledClasses(service)) {
			Field field = Class.forName(parts[0], true, classes).getDeclaredField(parts[1]);
			field.setAccessible(true);
			return (String) field.get(null);
		}
		catch (ReflectiveOperationException | IOException ex) {
			throw new IllegalStateException("cannot read " + reference + " of " + service.name() + ": " + ex, ex);
		}
	}

	private static Set<String> constants(Class<?> type) {
		Set<String> names = new TreeSet<>();
		Arrays.stream(type.getFields())
			.filter((field) -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
			.forEach((field) -> {
				try {
					names.add((String) field.get(null));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			});
		return names;
	}

	private static URLClassLoader compiledClasses(ServiceIdentity service) throws MalformedURLException {
		Path classes = Repository.root().resolve(service.name()).resolve("target/classes");
		if (!Files.isDirectory(classes)) {
			throw new IllegalStateException(classes + " is missing: build " + service.name()
					+ " first (./storefront test " + "-pl deploy-tests -am builds it)");
		}
		return new URLClassLoader(new URL[] { classes.toUri().toURL() }, ServiceVariables.class.getClassLoader());
	}

}
