package io.storefront.launcher.services;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code up} says when a process was not ready in time: on a busy or slow machine a
 * service may simply need longer, so the message names the setting that gives it more.
 */
public final class StartTimeout {

	private StartTimeout() {
	}

	/**
	 * The words after the process's name.
	 * @param limit how long it was given
	 * @param log where its output went
	 * @return e.g. " was not ready within 180 s (see …/auth-service.log; a busy machine
	 * may need longer: --timeout S or STOREFRONT_START_TIMEOUT)"
	 */
	public static String notReadyWithin(Duration limit, Path log) {
		return " was not ready within " + limit.toSeconds() + " s (see " + log
				+ "; a busy machine may need longer: --timeout S or STOREFRONT_START_TIMEOUT)";
	}

}
