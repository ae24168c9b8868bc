package io.storefront.cli.provision;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.storefront.cli.envfile.EnvFile;
import io.storefront.cli.envfile.ServiceEnvFiles;
import io.storefront.db.config.ServiceIdentity;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * One Kubernetes Secret per service, {@code <service name>-database}
 * ({@code auth-service-database}, …) with {@code DATABASE_URL} (and
 * {@code DATABASE_MIGRATION_URL} when the services reach PostgreSQL through a pooler), as
 * the Deployments in deploy/kubernetes reference it:
 * {@code kubectl apply --server-side -f DIR} installs them. The Secret is written whole:
 * a key left out this time is gone.
 */
public final class KubernetesSecrets implements ProvisionOutput {

	private static final YAMLMapper YAML = YAMLMapper.builder()
		.disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	/** The Secret a service's Deployment takes {@code DATABASE_URL} from. */
	public static String secretName(ServiceIdentity service) {
		return service.name() + "-database";
	}

	@Override
	public Path file(Path folder, ServiceIdentity service) {
		return folder.resolve(ServiceEnvFiles.shortName(service) + "-database.yaml");
	}

	@Override
	public Map<String, String> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return Map.of();
		}
		JsonNode secret;
		try {
			secret = YAML.readTree(file.toFile());
		}
		catch (JacksonException ex) {
			// Only where: YAML's own message runs over several lines and quotes the line,
			// which in a Secret may hold a password.
			TokenStreamLocation where = ex.getLocation();
			throw new IllegalArgumentException("not a Kubernetes Secret in YAML (it cannot be parsed"
					+ ((where != null) ? " at line " + where.getLineNr() + ", column " + where.getColumnNr() : "")
					+ ")");
		}
		Map<String, String> variables = new LinkedHashMap<>();
		secret.path("data")
			.properties()
			.forEach((entry) -> variables.put(entry.getKey(),
					new String(Base64.getDecoder().decode(entry.getValue().asString()), StandardCharsets.UTF_8)));
		secret.path("stringData")
			.properties()
			.forEach((entry) -> variables.put(entry.getKey(), entry.getValue().asString()));
		return variables;
	}

	@Override
	public void write(Path file, ServiceIdentity service, Map<String, String> urls, String written) {
		// data, not stringData: server-side apply, which keeps the values out of an
		// annotation, does not handle stringData well (kubernetes/website#42603).
		Map<String, String> data = new LinkedHashMap<>();
		urls.forEach((key, value) -> data.put(key,
				Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
		Map<String, Object> secret = Map.of("apiVersion", "v1", "kind", "Secret", "metadata",
				Map.of("name", secretName(service), "labels",
						Map.of("app.kubernetes.io/name", service.name(), "app.kubernetes.io/part-of", "storefront")),
				"type", "Opaque", "data", data);
		String header = "# " + service.name() + " database login, written by ./storefront db provision (" + written
				+ ").\n" + "# Secret: keep this file private (mode 600); install it with kubectl apply --server-side"
				+ " -n NAMESPACE -f " + file.getFileName() + "\n"
				+ "# (a plain kubectl apply would copy the password into an annotation anyone who reads the Secret"
				+ " sees)\n";
		EnvFile.writePrivately(file, header + YAML.writeValueAsString(secret));
	}

	@Override
	public String describe() {
		return "Kubernetes Secrets";
	}

}
