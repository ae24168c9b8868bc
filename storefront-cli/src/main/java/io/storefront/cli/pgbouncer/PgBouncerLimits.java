package io.storefront.cli.pgbouncer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.storefront.db.pgbouncer.PgBouncerConsole;

/**
 * The limits of a running PgBouncer that bound the connection budget: how many clients it
 * accepts ({@code max_client_conn}) and, per database, how many server connections it may
 * open (the pool and its reserve, capped by {@code max_db_connections}), read from its
 * console or from its {@code pgbouncer.ini}.
 *
 * @param serverConnections per database PgBouncer serves, the server connections it may
 * open at most; empty when unbounded
 * @param source where the figures come from: {@code console} or the ini's path
 */
public record PgBouncerLimits(int maxClientConn, Map<String, OptionalInt> serverConnections, String source) {

	public PgBouncerLimits {
		serverConnections = Map.copyOf(serverConnections);
	}

	/** From {@code SHOW CONFIG} and {@code SHOW DATABASES} on the console. */
	public static PgBouncerLimits fromConsole(PgBouncerConsole console) throws IOException {
		Map<String, String> config = new LinkedHashMap<>();
		for (Map<String, String> row : console.run("SHOW CONFIG")) {
			config.put(row.get("key"), row.get("value"));
		}
		int globalCap = number(config, "max_db_connections", 0);
		Map<String, OptionalInt> databases = new LinkedHashMap<>();
		for (Map<String, String> row : console.run("SHOW DATABASES")) {
			if ("pgbouncer".equals(row.get("name"))) {
				continue;
			}
			int pool = number(row, "pool_size", 0) + number(row, "reserve_pool", 0);
			int cap = number(row, "max_connections", 0);
			databases.put(row.get("name"), bound(pool, (cap > 0) ? cap : globalCap));
		}
		return new PgBouncerLimits(number(config, "max_client_conn", 100), databases, "console");
	}

	/**
	 * From a {@code pgbouncer.ini}: the {@code [pgbouncer]} settings and each
	 * {@code [databases]} line's own.
	 */
	public static PgBouncerLimits fromIni(Path ini) {
		Map<String, String> settings = new LinkedHashMap<>();
		Map<String, String> databaseLines = new LinkedHashMap<>();
		String section = "";
		List<String> lines;
		try {
			lines = Files.readAllLines(ini, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + ini + ": " + ex.getMessage(), ex);
		}
		for (String raw : lines) {
			String line = raw.strip();
			if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
				continue;
			}
			if (line.startsWith("[") && line.endsWith("]")) {
				section = line.substring(1, line.length() - 1).strip();
				continue;
			}
			int equals = line.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			String key = line.substring(0, equals).strip();
			String value = line.substring(equals + 1).strip();
			if (section.equals("pgbouncer")) {
				settings.put(key, value);
			}
			else if (section.equals("databases") && !key.equals("*")) {
				databaseLines.put(key, value);
			}
		}
		int defaultPool = number(settings, "default_pool_size", 20);
		int defaultReserve = number(settings, "reserve_pool_size", 0);
		int globalCap = number(settings, "max_db_connections", 0);
		Map<String, OptionalInt> databases = new LinkedHashMap<>();
		databaseLines.forEach((name, connectionString) -> {
			Map<String, String> parameters = parameters(connectionString);
			int pool = number(parameters, "pool_size", defaultPool)
					+ number(parameters, "reserve_pool", defaultReserve);
			int cap = number(parameters, "max_db_connections", globalCap);
			databases.put(name, bound(pool, cap));
		});
		return new PgBouncerLimits(number(settings, "max_client_conn", 100), databases, ini.toString());
	}

	private static OptionalInt bound(int pool, int cap) {
		int limit = (cap > 0) ? Math.min(pool, cap) : pool;
		return (limit > 0) ? OptionalInt.of(limit) : OptionalInt.empty();
	}

	private static Map<String, String> parameters(String connectionString) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : connectionString.split("\\s+")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		return parameters;
	}

	private static int number(Map<String, String> values, String key, int fallback) {
		String text = values.get(key);
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}
