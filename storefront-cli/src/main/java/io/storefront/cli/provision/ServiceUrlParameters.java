package io.storefront.cli.provision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the admin URL's query parameters the services' URLs inherit: only those that
 * describe how to reach the server safely (TLS mode and trust anchor, time-outs, which
 * node), in libpq's and in the JDBC driver's spelling. Everything else stays the
 * administrator's: a client certificate, its key and their password ({@code sslcert},
 * {@code sslkey}, {@code sslpassword}, …) identify the administrator, and a parameter not
 * known here might do the same, so the list allows rather than forbids.
 */
final class ServiceUrlParameters {

	static final Set<String> ALLOWED = Set.of("sslmode", "ssl", "sslrootcert", "sslnegotiation", "sslResponseTimeout",
			"connect_timeout", "connectTimeout", "target_session_attrs", "targetServerType", "channel_binding",
			"channelBinding", "gssencmode", "gssEncMode", "keepalives", "tcpKeepAlive");

	private ServiceUrlParameters() {
	}

	/** The parameters a service's URL gets, in the admin URL's order. */
	static Map<String, String> inherited(Map<String, String> adminParameters) {
		Map<String, String> kept = new LinkedHashMap<>();
		adminParameters.forEach((name, value) -> {
			if (ALLOWED.contains(name)) {
				kept.put(name, value);
			}
		});
		return kept;
	}

	/** The names (never the values) of the parameters left out. */
	static List<String> withheld(Map<String, String> adminParameters) {
		return adminParameters.keySet().stream().filter((name) -> !ALLOWED.contains(name)).toList();
	}

}
