package io.storefront.cli.check;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine.Help;

/** The report as a table: one row per check, its result, and why when it failed. */
final class TableRenderer {

	private TableRenderer() {
	}

	/**
	 * @param ansi colours the results (green ok, red FAIL, yellow warn) when it is on
	 */
	static void render(CheckReport report, PrintStream out, Help.Ansi ansi) {
		List<String[]> rows = new ArrayList<>();
		for (ServiceReport service : report.services()) {
			rows.add(row(service.service(), "connection", service.connection().ok(), connection(service)));
			if (service.isolation() != null) {
				rows.add(row(service.service(), "isolation", service.isolation().ok(), isolation(service.isolation())));
				if (service.isolation().warning() != null) {
					rows.add(new String[] { service.service(), "isolation", "warn", service.isolation().warning() });
				}
			}
			if (service.http() != null) {
				rows.add(endpoint(service.service(), "/health", service.http().health()));
				rows.add(endpoint(service.service(), "/health/detailed", service.http().detailed()));
			}
			for (String warning : service.warnings()) {
				rows.add(new String[] { service.service(), "settings", "warn", warning });
			}
		}
		for (BudgetReport budget : report.budgets()) {
			String subject = (budget.level().equals(BudgetReport.PGBOUNCER) ? "pgbouncer " : "server ")
					+ budget.server();
			rows.add(row(subject, "budget", budget.ok(), budget.ok() ? budget.detail() : budget.error()));
		}
		print(rows, out, ansi);
		long failed = rows.stream().filter((row) -> row[2].equals("FAIL")).count();
		out.println();
		out.println((failed == 0) ? "All checks passed." : failed + " check" + ((failed == 1) ? "" : "s") + " failed.");
	}

	private static String connection(ServiceReport service) {
		ConnectionReport connection = service.connection();
		if (!connection.ok()) {
			return ((service.target() != null) ? service.target() + ": " : "") + connection.error();
		}
		return service.target() + ": connected"
				+ (service.pooler().equals("none") ? "" : " through " + service.pooler()) + " in "
				+ format(connection.connectMs()) + " ms, SELECT 1 in " + format(connection.queryMs()) + " ms, "
				+ connection.serverVersion() + ", database " + connection.databaseName();
	}

	private static String isolation(IsolationReport isolation) {
		if (!isolation.ok()) {
			return isolation.error();
		}
		return "refused by " + String.join(", ",
				isolation.attempts()
					.stream()
					.filter((attempt) -> attempt.outcome().equals("refused"))
					.map(IsolationReport.Attempt::database)
					.toList());
	}

	private static String[] endpoint(String service, String check, HttpReport.Endpoint endpoint) {
		String detail = endpoint.ok() ? endpoint.status() + " " + endpoint.result() + " in "
				+ format(endpoint.latencyMs()) + " ms (" + endpoint.url() + ")"
				: endpoint.error() + " (" + endpoint.url() + ")";
		return row(service, check, endpoint.ok(), detail);
	}

	private static String[] row(String subject, String check, boolean ok, String detail) {
		return new String[] { subject, check, ok ? "ok" : "FAIL", detail };
	}

	private static void print(List<String[]> rows, PrintStream out, Help.Ansi ansi) {
		String[] header = { "SERVICE", "CHECK", "RESULT", "DETAIL" };
		int[] widths = new int[3];
		for (String[] row : concat(header, rows)) {
			for (int i = 0; i < widths.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		String format = "%-" + widths[0] + "s  %-" + widths[1] + "s  %s  %s%n";
		for (String[] row : concat(header, rows)) {
			// padded first, so the colour codes take no width
			String result = String.format("%-" + widths[2] + "s", row[2]);
			out.printf(format, row[0], row[1], colour(result, row[2], ansi), row[3]);
		}
	}

	private static String colour(String padded, String result, Help.Ansi ansi) {
		String style = switch (result) {
			case "ok" -> "green";
			case "FAIL" -> "bold,red";
			case "warn" -> "yellow";
			default -> null;
		};
		return (style == null) ? padded : ansi.string("@|" + style + " " + padded + "|@");
	}

	private static List<String[]> concat(String[] header, List<String[]> rows) {
		List<String[]> all = new ArrayList<>();
		all.add(header);
		all.addAll(rows);
		return all;
	}

	private static String format(Double millis) {
		return (millis == null) ? "?" : String.format(Locale.ROOT, (millis < 10) ? "%.1f" : "%.0f", millis);
	}

}
