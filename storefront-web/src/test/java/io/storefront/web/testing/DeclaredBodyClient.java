package io.storefront.web.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.net.ssl.SSLSession;

/**
 * Sends a request's line and headers, with the {@code Content-Length} of its body, and
 * reads the whole answer before sending any byte of that body: for the answers a service
 * gives from the headers alone, such as the 413 for a body declared over
 * {@code storefront.web.max-request-body}. The service closes the connection at once with
 * the body unread (docs/abuse-limits.md), so a client still writing the body, as the
 * JDK's HttpClient does, may have the connection reset before it reads the answer
 * ("HTTP/1.1 header parser received no bytes"). A service that waited for the body
 * instead would answer only at its body deadline (408), or not before the request's
 * timeout: never the answer a test of the refusal expects.
 *
 * <p>
 * The exchange is handed to {@link ApiTraffic}, as the services' own HTTP helpers do; the
 * body is not known here, so only the response is checked.
 */
public final class DeclaredBodyClient {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	private DeclaredBodyClient() {
	}

	/**
	 * Sends {@code request}'s method, target and headers to its URI's host and port over
	 * plain HTTP/1.1, declaring the length of its body publisher, and returns the answer.
	 * The body itself is never sent. The request's timeout (30 s without one) bounds
	 * every read.
	 */
	public static HttpResponse<String> send(HttpRequest request) {
		long declaredLength = request.bodyPublisher()
			.orElseThrow(() -> new IllegalArgumentException("the request has no body to declare"))
			.contentLength();
		if (declaredLength < 0) {
			throw new IllegalArgumentException("the request's body has no known length to declare");
		}
		URI uri = request.uri();
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout((int) request.timeout().orElse(DEFAULT_TIMEOUT).toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(head(request, declaredLength).getBytes(StandardCharsets.UTF_8));
			out.flush();
			HttpResponse<String> response = read(request, new BufferedInputStream(socket.getInputStream()));
			ApiTraffic.observe(request, null, false, response);
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					request.method() + " " + uri + " declaring " + declaredLength + " bytes got no complete answer",
					ex);
		}
	}

	private static String head(HttpRequest request, long declaredLength) {
		URI uri = request.uri();
		String target = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		StringBuilder head = new StringBuilder(request.method() + " " + target + " HTTP/1.1\r\n");
		head.append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
		request.headers()
			.map()
			.forEach((name, values) -> values
				.forEach((value) -> head.append(name).append(": ").append(value).append("\r\n")));
		head.append("Content-Length: ").append(declaredLength).append("\r\n\r\n");
		return head.toString();
	}

	private static HttpResponse<String> read(HttpRequest request, InputStream in) throws IOException {
		String statusLine = line(in);
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new IOException("not an HTTP/1.1 status line: " + statusLine);
		}
		Map<String, List<String>> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String field = line(in); !field.isEmpty(); field = line(in)) {
			int colon = field.indexOf(':');
			fields.computeIfAbsent(field.substring(0, colon).trim(), (name) -> new ArrayList<>())
				.add(field.substring(colon + 1).trim());
		}
		HttpHeaders headers = HttpHeaders.of(fields, (name, value) -> true);
		byte[] body = body(headers, in);
		return new Answer(Integer.parseInt(parts[1]), headers, new String(body, StandardCharsets.UTF_8), request);
	}

	private static byte[] body(HttpHeaders headers, InputStream in) throws IOException {
		if (headers.firstValue("Transfer-Encoding")
			.map((coding) -> coding.toLowerCase(Locale.ROOT))
			.orElse("")
			.endsWith("chunked")) {
			return chunked(in);
		}
		Optional<String> length = headers.firstValue("Content-Length");
		if (length.isPresent()) {
			return exactly(in, Integer.parseInt(length.get()));
		}
		return in.readAllBytes();
	}

	private static byte[] chunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
			body.write(exactly(in, size));
			line(in);
		}
		skipTrailerFields(in);
		return body.toByteArray();
	}

	private static void skipTrailerFields(InputStream in) throws IOException {
		String field = line(in);
		while (!field.isEmpty()) {
			field = line(in);
		}
	}

	private static int chunkSize(InputStream in) throws IOException {
		String line = line(in);
		int extension = line.indexOf(';');
		return Integer.parseInt(((extension < 0) ? line : line.substring(0, extension)).trim(), 16);
	}

	private static byte[] exactly(InputStream in, int length) throws IOException {
		byte[] bytes = in.readNBytes(length);
		if (bytes.length < length) {
			throw new EOFException("the connection closed after " + bytes.length + " of " + length + " bytes");
		}
		return bytes;
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new EOFException("the connection closed in the middle of a line: " + line);
			}
			line.write(b);
		}
		String text = line.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	private record Answer(int statusCode, HttpHeaders headers, String body,
			HttpRequest request) implements HttpResponse<String> {

		@Override
		public Optional<HttpResponse<String>> previousResponse() {
			return Optional.empty();
		}

		@Override
		public Optional<SSLSession> sslSession() {
			return Optional.empty();
		}

		@Override
		public URI uri() {
			return this.request.uri();
		}

		@Override
		public HttpClient.Version version() {
			return HttpClient.Version.HTTP_1_1;
		}

	}

}
