package io.storefront.web.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A GET with the {@code Host} header a caller chose, which the JDK's HTTP client does not
 * let one set; the answer as its raw text.
 */
final class WithHost {

	private WithHost() {
	}

	static Answer get(int port, String path, String host) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int end = raw.indexOf("\r\n\r\n");
			return new Answer(Integer.parseInt(raw.substring(9, 12)), raw.substring(0, end), raw.substring(end + 4));
		}
	}

	record Answer(int status, String head, String body) {

		String header(String name) {
			return head().lines()
				.filter((line) -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
				.map((line) -> line.substring(name.length() + 1).trim())
				.findFirst()
				.orElse(null);
		}

	}

}
