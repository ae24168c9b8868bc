package io.storefront.cli.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.storefront.cli.Terminal;
import io.storefront.cli.UsageException;
import io.storefront.db.config.DatabaseUrl;
import io.storefront.db.config.InvalidSettingException;

/**
 * The admin password need not sit in the command line: an admin URL without one takes it,
 * as psql does, from {@code PGPASSWORD}, else from the first matching line of the
 * password file ({@code PGPASSFILE}, default {@code ~/.pgpass}:
 * {@code host:port:database:user:password}, {@code *} matching anything, {@code \:} and
 * {@code \\} escaped). Like libpq, a password file others may read, or one that is not a
 * plain file, is ignored with a warning, and an empty password in the URL or an empty
 * {@code PGPASSWORD} counts as none. An admin URL without a user logs in as
 * {@code PGUSER} when that is set, as psql does.
 */
public final class AdminPassword {

	private static final Set<PosixFilePermission> TOO_OPEN = Set.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
			PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

	private AdminPassword() {
	}

	/**
	 * The admin URL an option gives, completed as {@link #complete} does.
	 * @throws UsageException naming the option when the URL cannot be read
	 */
	public static DatabaseUrl fromOption(String option, String url, Terminal terminal) {
		try {
			return complete(DatabaseUrl.parse(option, url), terminal);
		}
		catch (InvalidSettingException ex) {
			throw new UsageException(ex.getMessage().replaceFirst("^invalid configuration: ", ""));
		}
	}

	public static DatabaseUrl complete(DatabaseUrl given, Terminal terminal) {
		DatabaseUrl url = (given.user() != null || terminal.variable("PGUSER") == null) ? given
				: new DatabaseUrl(given.host(), given.port(), given.database(), terminal.variable("PGUSER"),
						given.password(), given.parameters());
		// libpq takes an empty password ('postgres:@host') as none given
		if (url.password() != null && !url.password().isEmpty()) {
			return url;
		}
		Optional<String> password = Optional.ofNullable(terminal.variable("PGPASSWORD"))
			.or(() -> fromPasswordFile(url, terminal));
		return new DatabaseUrl(url.host(), url.port(), url.database(), url.user(), password.orElse(null),
				url.parameters());
	}

	private static Optional<String> fromPasswordFile(DatabaseUrl url, Terminal terminal) {
		Path file = passwordFile(terminal);
		if (file == null || !Files.exists(file)) {
			return Optional.empty();
		}
		// libpq's own warnings, so that a file left out is not left out silently
		if (!Files.isRegularFile(file)) {
			terminal.err().println("WARNING: password file \"" + file + "\" is not a plain file");
			return Optional.empty();
		}
		if (readableByOthers(file)) {
			terminal.err()
				.println("WARNING: password file \"" + file + "\" has group or world access; permissions should "
						+ "be u=rw (0600) or less");
			return Optional.empty();
		}
		String user = (url.user() != null) ? url.user()
				: Optional.ofNullable(terminal.variable("PGUSER")).orElse(System.getProperty("user.name"));
		// libpq compares an IPv6 host as written without its brackets (::1, in the file
		// \:\:1)
		String host = (url.host().startsWith("[") && url.host().endsWith("]"))
				? url.host().substring(1, url.host().length() - 1) : url.host();
		List<String> wanted = List.of(host, Integer.toString(url.port()), url.database(), user);
		try {
			// Decoded leniently: libpq compares bytes, so a line in another encoding
			// must not stop the lookup; at worst it matches nothing.
			String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
			for (String line : text.lines().toList()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				List<Field> fields = fields(line);
				if (fields.size() >= 5 && matches(fields, wanted)) {
					return Optional.of(fields.get(4).text());
				}
			}
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the password file " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static Path passwordFile(Terminal terminal) {
		String configured = terminal.variable("PGPASSFILE");
		if (configured != null) {
			return Path.of(configured);
		}
		String home = Optional.ofNullable(terminal.variable("HOME")).orElse(System.getProperty("user.home"));
		return (home != null) ? Path.of(home, ".pgpass") : null;
	}

	private static boolean readableByOthers(Path file) {
		try {
			return Files.getPosixFilePermissions(file).stream().anyMatch(TOO_OPEN::contains);
		}
		catch (UnsupportedOperationException | IOException ex) {
			return false;
		}
	}

	private static boolean matches(List<Field> fields, List<String> wanted) {
		for (int i = 0; i < wanted.size(); i++) {
			Field field = fields.get(i);
			if (!field.wildcard() && !field.text().equals(wanted.get(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The line's colon-separated fields, with {@code \:} and {@code \\} unescaped. As in
	 * libpq, an unescaped colon also ends the password: what follows it is not part of
	 * it.
	 */
	private static List<Field> fields(String line) {
		List<Field> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean escaped = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '\\' && i + 1 < line.length()) {
				field.append(line.charAt(++i));
				escaped = true;
			}
			else if (c == ':') {
				fields.add(Field.of(field, escaped));
				field.setLength(0);
				escaped = false;
			}
			else {
				field.append(c);
			}
		}
		fields.add(Field.of(field, escaped));
		return fields;
	}

	/**
	 * One field of a line, unescaped; a wildcard only when written as a bare {@code *}
	 * ({@code \*} is the character itself, as libpq reads it).
	 */
	private record Field(String text, boolean wildcard) {

		static Field of(CharSequence text, boolean escaped) {
			return new Field(text.toString(), !escaped && "*".contentEquals(text));
		}

	}

}
