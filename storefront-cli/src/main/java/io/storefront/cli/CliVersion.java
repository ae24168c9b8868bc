package io.storefront.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the project version Maven wrote into
 * {@code storefront-cli.properties} at build time.
 */
public final class CliVersion implements IVersionProvider {

	static final String RESOURCE = "/io/storefront/cli/storefront-cli.properties";

	@Override
	public String[] getVersion() {
		return new String[] { "storefront " + version() + " (Java " + Runtime.version().feature() + ")" };
	}

	public static String version() {
		try (InputStream in = CliVersion.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				return "unknown";
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
