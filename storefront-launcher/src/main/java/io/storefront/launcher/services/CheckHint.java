package io.storefront.launcher.services;

import java.nio.file.Path;
import java.util.Map;

/**
 * The command {@code up} prints for checking everything it started. With
 * {@code HEALTH_DETAILS_TOKEN} in {@code up}'s environment the services want it for
 * {@code /health/detailed}, and the env files do not hold it: the hint says to export it,
 * without printing it.
 */
public final class CheckHint {

	static final String HEALTH_DETAILS_TOKEN = "HEALTH_DETAILS_TOKEN";

	private CheckHint() {
	}

	/**
	 * @param replicas the replicas of each service ({@code --replicas} above 1)
	 * @param inherited {@code up}'s own environment
	 */
	public static String of(Path envDirectory, int replicas, Map<String, String> inherited) {
		String command = "./storefront db check --http --env-dir " + envDirectory
				+ ((replicas > 1) ? " --replicas " + replicas : "");
		String token = inherited.get(HEALTH_DETAILS_TOKEN);
		return (token == null || token.isEmpty()) ? "check everything: " + command
				: "check everything, with the HEALTH_DETAILS_TOKEN up was given exported: " + command;
	}

}
