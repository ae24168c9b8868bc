package io.storefront.cli.provision;

import java.nio.file.Path;
import java.util.Map;

import io.storefront.cli.UsageException;
import io.storefront.db.config.ServiceIdentity;

/**
 * Where provisioning writes each service's {@code DATABASE_URL} (one private file per
 * service), and where it finds the password it wrote last time.
 */
public interface ProvisionOutput {

	/** The file that holds {@code service}'s login in {@code folder}. */
	Path file(Path folder, ServiceIdentity service);

	/**
	 * The variables {@code file} holds for the service; empty when the file does not
	 * exist.
	 */
	Map<String, String> read(Path file);

	/**
	 * Sets {@code service}'s {@code DATABASE_URL} (and {@code DATABASE_MIGRATION_URL},
	 * when there is one) in {@code file}, readable by its owner only.
	 * @param urls the variables, {@code DATABASE_URL} first
	 * @param written when, for the file's header
	 */
	void write(Path file, ServiceIdentity service, Map<String, String> urls, String written);

	/** What the files are, for the summary line: "Env files", "Kubernetes Secrets". */
	String describe();

	/**
	 * The output of {@code --format}: {@code env} (the default) or {@code kubernetes}.
	 */
	static ProvisionOutput named(String format) {
		return switch (format) {
			case "env" -> new EnvFileOutput();
			case "kubernetes" -> new KubernetesSecrets();
			default -> throw new UsageException("--format must be env or kubernetes (got \"" + format + "\")");
		};
	}

}
