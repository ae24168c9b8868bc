package io.storefront.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A request written by hand, for what the JDK's client will not send: a {@code Host}
 * other than the address it connects to, or a URI that is not valid.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** The whole answer (status line, headers, body) to a GET of {@code path}. */
	public static String get(int port, String path, String host) throws IOException {
		return send(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
	}

	/**
	 * The whole answer to {@code request}, sent as written: it should ask the console to
	 * close the connection.
	 */
	public static String send(int port, String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
