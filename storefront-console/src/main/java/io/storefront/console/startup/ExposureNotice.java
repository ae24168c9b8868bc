package io.storefront.console.startup;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Says at start who can see the console: this machine only (and how to open it up), or
 * anyone who reaches its address, loudly when that is without an access token.
 */
@Component
class ExposureNotice implements ApplicationListener<WebServerInitializedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(ExposureNotice.class);

	private final ConfigurableEnvironment environment;

	ExposureNotice(ConfigurableEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		String line = line(this.environment, event.getWebServer().getPort());
		if (line.startsWith("OPEN")) {
			logger.warn(line);
		}
		else {
			logger.info(line);
		}
	}

	private static boolean isLoopback(String address) {
		try {
			return StringUtils.hasText(address) && InetAddress.getByName(address.strip()).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	static String line(ConfigurableEnvironment environment, int port) {
		boolean protectedByToken = StringUtils.hasText(environment.getProperty("storefront.console.access-token"));
		String address = environment.getProperty(LoopbackUnlessProtected.ADDRESS);
		if (LoopbackUnlessProtected.chose(environment)) {
			return "listening on " + LoopbackUnlessProtected.LOOPBACK + ":" + port
					+ " only, as no access token is set; to reach it from other machines set "
					+ "STOREFRONT_CONSOLE_ACCESS_TOKEN (and SERVER_ADDRESS, e.g. 0.0.0.0)";
		}
		String where = StringUtils.hasText(address) ? address : "every interface";
		if (!protectedByToken && isLoopback(address)) {
			return "listening on " + where + ":" + port + " only (this machine), without an access token";
		}
		if (protectedByToken) {
			return "listening on " + where + ":" + port + "; details only with the access token";
		}
		return "OPEN: listening on " + where + ":" + port + " without an access token: anyone who reaches it sees "
				+ "every reason, version, pool and report; set STOREFRONT_CONSOLE_ACCESS_TOKEN";
	}

}
