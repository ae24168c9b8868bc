package io.storefront.problem;

import java.util.Optional;

import org.apache.catalina.connector.Request;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.res.StringManager;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request whose line and headers do not fit the connector's
 * {@code maxHttpRequestHeaderSize} ({@code server.max-http-request-header-size}, 8 KiB by
 * default), or that has more header fields than its {@code maxHeaderCount} (100 by
 * default). Tomcat answers it 400 like any unparseable request; RFC 9110 and RFC 6585
 * have statuses that tell the client what to shorten: 414 when even the request line did
 * not fit, 431 when the headers did not.
 */
final class OversizedRequestHead {

	// Tomcat says so only in these messages, which it localizes with the JVM's default
	// locale: compared with its own text for that locale, not with the English words.
	private static final String TOO_LARGE = StringManager.getManager("org.apache.coyote.http11")
		.getString("iib.requestheadertoolarge.error");

	private static final StringManager HEADERS = StringManager.getManager("org.apache.tomcat.util.http");

	private OversizedRequestHead() {
	}

	static Optional<ProblemDetail> problem(Request request, Throwable refusal) {
		ProtocolHandler protocol = request.getConnector().getProtocolHandler();
		if (refusal instanceof IllegalStateException && protocol instanceof AbstractHttp11Protocol<?> http
				&& HEADERS.getString("headers.maxCountFail", http.getMaxHeaderCount()).equals(refusal.getMessage())) {
			return Optional.of(Problems.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
					"the request has more than the " + http.getMaxHeaderCount() + " header fields this service reads"));
		}
		if (!(refusal instanceof IllegalArgumentException) || !TOO_LARGE.equals(refusal.getMessage())) {
			return Optional.empty();
		}
		boolean lineRead = request.getRequestURI() != null && !request.getRequestURI().isEmpty();
		HttpStatus status = lineRead ? HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpStatus.URI_TOO_LONG;
		String limit = (protocol instanceof AbstractHttp11Protocol<?> http)
				? "the " + http.getMaxHttpRequestHeaderSize() + " bytes" : "what";
		return Optional
			.of(Problems.of(status, "the request's line and headers are larger than " + limit + " this service reads"));
	}

}
