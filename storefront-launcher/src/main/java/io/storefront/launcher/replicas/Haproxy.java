package io.storefront.launcher.replicas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.storefront.launcher.services.ListenAddress;

/**
 * Debian's HAProxy in front of the replicas: one frontend per service on the service's
 * usual port, its backend the service's replicas in turn, each checked on
 * {@code /health/ready}. A replica that answers 503 there (it is draining after SIGTERM,
 * or its database is unreachable) leaves the rotation after {@link #FALL} failed checks
 * {@link #CHECK_INTERVAL} apart, and comes back after {@link #RISE} good ones.
 *
 * <p>
 * When no replica is ready (the database, or PgBouncer, is down for all of them), the
 * same replicas serve again as unchecked backup servers, so that clients get what one
 * service alone would give them: its own 503 problem+json with {@code Retry-After} for
 * what needs the database, and answers for what does not ({@code /health/live},
 * {@code /metrics}, the JWKS), rather than HAProxy's HTML 503 for everything. A backup
 * that is not running refuses the connection, and the request goes to another.
 */
final class Haproxy {

	static final String PROGRAM = "haproxy";

	static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

	static final int FALL = 2;

	static final int RISE = 2;

	/**
	 * How long a connection to a replica may take, and so how long HAProxy waits before
	 * it tries again after one is refused (it waits the shorter of this and 1 s). The
	 * replicas run on this machine, where a connection is made at once or refused at
	 * once: with its default wait, three retries against replicas that are not running
	 * made a client wait 3 s for its 503, longer than cart waits for product's answer.
	 */
	static final Duration CONNECT_TIMEOUT = Duration.ofMillis(250);

	/** How long one check may take before it counts as failed. */
	static final Duration CHECK_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * How long a replica may take to answer: a request may wait the pool's timeout (30 s)
	 * for a connection, then a query up to the socket timeout. A replica that hangs (a
	 * stopped process) holds the requests it had taken this long, then they get 504.
	 */
	static final Duration SERVER_TIMEOUT = Duration.ofSeconds(60);

	/** How long a client may take to send its request, or be silent on a connection. */
	static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * Room for a request line and headers of about 31 KiB (the buffer less
	 * {@code tune.maxrewrite}, 1 KiB): HAProxy 2.6's default of 16 KiB refused heads from
	 * 15 KiB up with its own answer, which the services give with problem+json from 8 KiB
	 * up (431, or 414 for a long request line).
	 */
	static final int BUFFER_BYTES = 32_768;

	/**
	 * {@code option httplog}'s format with the request line's path but not its query
	 * string, which may hold a token or a password that a client put there (the services
	 * refuse them there, and never log them).
	 */
	static final String LOG_FORMAT = "\"%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc "
			+ "%ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs \\\"%HM %HPO %HV\\\"\"";

	/**
	 * Every status HAProxy answers by itself with this configuration: 400 for a request
	 * it cannot parse or hold, 408 for one whose head does not arrive within
	 * {@link #CLIENT_TIMEOUT}, 500 for its own failure, 502, 503 and 504 for replicas
	 * that fail. HAProxy 2.6 (Debian 12's) uses these for what happens after it has read
	 * a request, but sends its built-in HTML for a 400 or 408 found while reading one
	 * (HAProxy issue 3032, fixed in 3.2).
	 */
	static final List<OwnAnswer> OWN_ANSWERS = List.of(
			new OwnAnswer(400, "Bad Request",
					"the load balancer cannot read the request: it is malformed, or its line and headers are "
							+ "larger than about 31 KiB"),
			new OwnAnswer(408, "Request Timeout",
					"the request did not arrive within " + CLIENT_TIMEOUT.toSeconds() + " s"),
			new OwnAnswer(500, "Internal Server Error", "an unexpected error occurred"),
			new OwnAnswer(502, "Bad Gateway",
					"no replica of the service answered; a write may or may not have been done: read it back "
							+ "before retrying"),
			new OwnAnswer(503, "Service Unavailable", "no replica of the service can be reached; retry shortly"),
			new OwnAnswer(504, "Gateway Timeout", "the replica did not answer within " + SERVER_TIMEOUT.toSeconds()
					+ " s; a write may or may not have been done: read it back before retrying"));

	private Haproxy() {
	}

	/**
	 * The longest a replica that turned not-ready may still be sent new requests:
	 * {@link #FALL} checks, the last of which may take its whole timeout. A replica's
	 * drain period must be longer.
	 */
	static Duration leavesRotationWithin() {
		return CHECK_INTERVAL.multipliedBy(FALL).plus(CHECK_TIMEOUT);
	}

	/**
	 * Writes its configuration and starts it; returns once it listens on every frontend's
	 * port. Stopped by SIGTERM, it stops at once, closing the clients' connections.
	 */
	static HelperProgram start(Path executable, List<Backend> backends, ListenAddress listen, Path configuration,
			Path log) {
		try {
			Files.createDirectories(configuration.getParent());
			Files.writeString(configuration, configuration(backends, listen), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + configuration, ex);
		}
		// -db: stay in the foreground, as a child of the launcher, which stops it
		return HelperProgram.start(PROGRAM, configuration.toString(), "HAProxy",
				List.of(executable.toString(), "-db", "-f", configuration.toString()), log,
				listen.reachableHost().replace("[", "").replace("]", ""),
				backends.stream().map(Backend::port).toList());
	}

	/**
	 * HTTP mode, round robin, health checks as above. A request whose connection to a
	 * replica fails is sent again, to another replica if need be ({@code option
	 * redispatch}). So is a GET or HEAD that a replica closes without any answer (a
	 * kept-alive connection the replica closed as it stopped), but no other method: a
	 * replica that dies after its commit and before its answer has done the write, and
	 * sending it again would add a cart line twice or spend a refresh token twice (which
	 * revokes its whole family). The client gets 502, or a connection closed without an
	 * answer, and reads back what it wrote.
	 */
	static String configuration(List<Backend> backends, ListenAddress listen) {
		StringBuilder text = new StringBuilder("""
				# written by ./storefront up --replicas on every start
				global
				    maxconn 4096
				    tune.bufsize %d
				    log stdout format raw local0 info

				defaults
				    mode http
				    log global
				    log-format %s
				    option dontlognull
				    timeout connect %dms
				    timeout client %ds
				    timeout server %ds
				    timeout check %dms
				    retries 3
				    option redispatch 1
				    retry-on conn-failure empty-response
				    option httpchk
				    http-check send meth GET uri /health/ready
				    http-check expect status 200
				    default-server inter %dms fastinter %dms downinter %dms fall %d rise %d
				    # HAProxy's own answers in the services' error format (RFC 9457), not HTML
				""".formatted(BUFFER_BYTES, LOG_FORMAT, CONNECT_TIMEOUT.toMillis(), CLIENT_TIMEOUT.toSeconds(),
				SERVER_TIMEOUT.toSeconds(), CHECK_TIMEOUT.toMillis(), CHECK_INTERVAL.toMillis(),
				CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(), FALL, RISE));
		OWN_ANSWERS.forEach((answer) -> text.append("    ").append(answer.httpError()).append('\n'));
		for (Backend backend : backends) {
			text.append('\n')
				.append("frontend ")
				.append(backend.name())
				.append('\n')
				.append("    bind ")
				.append(address(listen, backend.port()))
				.append('\n')
				// kept for the instance of HAProxy's own answers, written after the
				// request's buffer is gone
				.append("    http-request set-var(txn.path) path\n")
				.append("    default_backend ")
				.append(backend.name())
				.append('\n')
				.append('\n')
				.append("backend ")
				.append(backend.name())
				.append('\n')
				.append("    balance roundrobin\n")
				.append("    option allbackups\n")
				.append("    http-request disable-l7-retry unless METH_GET\n");
			appendServers(text, backend, listen, "", "check");
			// the same replicas again, used only when none of the checked ones is up
			appendServers(text, backend, listen, "-unready", "backup");
		}
		return text.toString();
	}

	private static void appendServers(StringBuilder text, Backend backend, ListenAddress listen, String nameSuffix,
			String option) {
		for (int i = 0; i < backend.replicaPorts().size(); i++) {
			text.append("    server ")
				.append(backend.name())
				.append('-')
				.append(i + 1)
				.append(nameSuffix)
				.append(' ')
				.append(serverAddress(listen, backend.replicaPorts().get(i)))
				.append(' ')
				.append(option)
				.append('\n');
		}
	}

	/**
	 * Where a frontend binds, in HAProxy's syntax: {@code ipv6@} before an IPv6 address,
	 * the port after the last colon.
	 */
	static String address(ListenAddress listen, int port) {
		String host = listen.address();
		if (host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
			return "ipv6@:::" + port;
		}
		return (host.contains(":") ? "ipv6@" + host : host) + ":" + port;
	}

	/**
	 * Where HAProxy reaches a replica listening on {@code listen}: loopback when it
	 * listens on every address.
	 */
	static String serverAddress(ListenAddress listen, int port) {
		String host = listen.reachableHost().replace("[", "").replace("]", "");
		return (host.contains(":") ? "ipv6@" + host : host) + ":" + port;
	}

	/**
	 * One service behind HAProxy.
	 *
	 * @param name the service's name, which names its frontend and backend
	 * @param port the frontend's port: the service's usual one
	 * @param replicaPorts where its replicas listen
	 */
	record Backend(String name, int port, List<Integer> replicaPorts) {

		Backend {
			replicaPorts = List.copyOf(replicaPorts);
		}

	}

	/**
	 * An answer HAProxy writes itself, as problem+json with the members in the services'
	 * order; a 503 also says when to retry. The answers for a request HAProxy could read
	 * (5xx) name its path as {@code instance}, as the services do; a 400 or 408 has no
	 * path to name.
	 */
	record OwnAnswer(int status, String title, String detail) {

		/** Those the services send with every answer (Spring Security's defaults). */
		private static final String SECURITY_HEADERS = "hdr X-Content-Type-Options nosniff hdr X-Frame-Options DENY "
				+ "hdr Cache-Control \"no-cache, no-store, max-age=0, must-revalidate\" ";

		OwnAnswer {
			// HAProxy's single-quoted string takes no escapes, and % starts a log-format
			// expression
			if ((title + detail).contains("'") || (title + detail).contains("\"") || (title + detail).contains("%")) {
				throw new IllegalArgumentException("no quotes or % in HAProxy's answers: " + detail);
			}
		}

		private boolean namesThePath() {
			return this.status >= 500;
		}

		String body() {
			return "{\"detail\":\"" + this.detail + "\""
					+ (namesThePath() ? ",\"instance\":\"%[var(txn.path),json(utf8s)]\"" : "") + ",\"status\":"
					+ this.status + ",\"title\":\"" + this.title + "\",\"type\":\"about:blank\"}";
		}

		String httpError() {
			return "http-error status " + this.status + " content-type application/problem+json "
					+ ((this.status == 503) ? "hdr Retry-After 1 " : "") + SECURITY_HEADERS
					+ (namesThePath() ? "lf-string '" : "string '") + body() + "'";
		}

	}

}
