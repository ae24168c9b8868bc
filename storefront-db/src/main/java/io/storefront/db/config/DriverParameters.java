package io.storefront.db.config;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.postgresql.PGProperty;

/**
 * The query parameters of a PostgreSQL URL as the JDBC driver gets them. Libpq's
 * spellings the driver knows under another name are renamed; the rest pass through
 * unchanged, names the driver does not know included (it ignores them).
 *
 * <p>
 * A parameter the driver knows is checked as the driver reads it, from its own
 * definitions ({@link PGProperty}): one of its choices, a whole number, or true or false.
 * The driver would refuse a bad value only on each attempt to connect, which the start-up
 * gate cannot tell from an unreachable server, and it reads any boolean but {@code true}
 * as false.
 */
final class DriverParameters {

	/**
	 * libpq parameter names that pgJDBC spells differently, with the same values.
	 */
	private static final Map<String, String> LIBPQ_TO_JDBC = Map.of("application_name", "ApplicationName",
			"connect_timeout", "connectTimeout");

	/** Read as a decimal number of seconds, not with the driver's whole-number check. */
	private static final String LOGIN_TIMEOUT = "loginTimeout";

	/** Its value is a comma-separated list of the choices. */
	private static final String REQUIRE_AUTH = "requireAuth";

	/**
	 * The parameters that name a class the driver instantiates on each attempt to
	 * connect, with the type it must be.
	 */
	private static final Map<String, Class<?>> CLASS_PARAMETERS = Map.of(PGProperty.SOCKET_FACTORY.getName(),
			javax.net.SocketFactory.class, PGProperty.SSL_FACTORY.getName(), javax.net.ssl.SSLSocketFactory.class,
			PGProperty.SSL_HOSTNAME_VERIFIER.getName(), javax.net.ssl.HostnameVerifier.class,
			PGProperty.SSL_PASSWORD_CALLBACK.getName(), javax.security.auth.callback.CallbackHandler.class);

	private DriverParameters() {
	}

	/**
	 * The parameters under the names the driver reads, in order.
	 */
	static Map<String, String> forDriver(Map<String, String> urlParameters) {
		Map<String, String> parameters = new LinkedHashMap<>();
		urlParameters.forEach((name, value) -> parameters.put(jdbcName(name), Objects.requireNonNullElse(value, "")));
		return parameters;
	}

	/**
	 * Checks every parameter the driver knows. The message names the parameter as written
	 * and quotes its value: the values checked are modes, numbers and flags, never a
	 * secret.
	 * @throws InvalidSettingException naming {@code variable}
	 */
	static void check(String variable, Map<String, String> urlParameters) {
		urlParameters.forEach((name, value) -> {
			PGProperty property = PGProperty.forName(jdbcName(name));
			String problem = (property != null) ? problem(property, value) : null;
			if (problem != null) {
				throw new InvalidSettingException(variable, "has " + name + "=" + value + problem);
			}
		});
	}

	private static String jdbcName(String name) {
		return LIBPQ_TO_JDBC.getOrDefault(name, name);
	}

	private static String problem(PGProperty property, String value) {
		String name = property.getName();
		String fallback = property.getDefaultValue();
		List<String> choices = (property.getChoices() != null) ? Arrays.asList(property.getChoices()) : List.of();
		if (choices.equals(List.of("true", "false")) || "true".equals(fallback) || "false".equals(fallback)) {
			// The driver reads it with Boolean.parseBoolean: anything but true is false.
			return ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) ? null
					: ", which must be true or false";
		}
		if (!choices.isEmpty()) {
			List<String> given = name.equals(REQUIRE_AUTH) ? Arrays.asList(value.split(",", -1)) : List.of(value);
			return choices.containsAll(given) ? null : "; the PostgreSQL driver takes "
					+ String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.getLast();
		}
		Class<?> type = CLASS_PARAMETERS.get(name);
		if (type != null) {
			return isClassOf(value, type) ? null : ", which must name a " + type.getName() + " class on the class path";
		}
		if (name.equals(LOGIN_TIMEOUT)) {
			return isNumberOfAtLeastZero(value) ? null : ", which must be a number of seconds of at least 0";
		}
		if (fallback != null && isWholeNumber(fallback)) {
			if (!isWholeNumber(value)) {
				return ", which must be a whole number";
			}
			// The driver hands a negative time-out to the socket, which throws.
			return (name.endsWith("Timeout") && Integer.parseInt(value) < 0)
					? ", which must be a whole number of at least 0" : null;
		}
		return null;
	}

	private static boolean isClassOf(String name, Class<?> type) {
		try {
			return type.isAssignableFrom(Class.forName(name, false, DriverParameters.class.getClassLoader()));
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private static boolean isWholeNumber(String text) {
		try {
			Integer.parseInt(text);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static boolean isNumberOfAtLeastZero(String text) {
		try {
			return new BigDecimal(text).signum() >= 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
