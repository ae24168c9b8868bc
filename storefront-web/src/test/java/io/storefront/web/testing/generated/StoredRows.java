package io.storefront.web.testing.generated;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a service has stored: for every table of its schema (but Flyway's history), the
 * number of rows and a digest of their contents. Two equal readings mean nothing was
 * written in between.
 */
public final class StoredRows {

	private final JdbcClient jdbc;

	private final List<String> tables;

	/** One statement reading every table, so that a reading is one round trip. */
	private final String query;

	private StoredRows(JdbcClient jdbc, List<String> tables) {
		this.jdbc = jdbc;
		this.tables = tables;
		this.query = "SELECT " + String.join(" || '; ' || ",
				tables.stream()
					.map((table) -> "'" + table
							+ ": ' || (SELECT count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, '|' "
							+ "ORDER BY t::text)), '-') FROM " + table + " t)")
					.toList());
	}

	public static StoredRows of(JdbcClient jdbc) {
		List<String> tables = jdbc.sql("""
				SELECT quote_ident(table_name) FROM information_schema.tables
				WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
				  AND table_name <> 'flyway_schema_history'
				ORDER BY table_name""").query(String.class).list();
		return new StoredRows(jdbc, List.copyOf(tables));
	}

	/** Each table's row count and a digest of its rows, as one line of text. */
	public String read() {
		return this.tables.isEmpty() ? "" : this.jdbc.sql(this.query).query(String.class).single();
	}

	public List<String> tables() {
		return this.tables;
	}

}
