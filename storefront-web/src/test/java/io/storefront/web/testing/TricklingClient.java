package io.storefront.web.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A client that sends its request body a byte at a time over a real socket, as a
 * slow-request attack would: the headers and the first byte of a 1000-byte body at once,
 * then a byte every 200 ms.
 */
public final class TricklingClient {

	/**
	 * What {@link #post} returns when the connection was reset before any answer arrived.
	 */
	public static final String CLOSED = "(connection closed)";

	private TricklingClient() {
	}

	/**
	 * Sends the request, counts {@code started} down once the headers are out, and keeps
	 * trickling until the server answers or closes the connection.
	 * @return everything the server answered until it closed (or reset) the connection,
	 * or {@link #CLOSED} when it was reset before anything arrived
	 */
	public static String post(int port, String path, CountDownLatch started) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(120_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 1000\r\n\r\n{")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			started.countDown();
			InputStream in = socket.getInputStream();
			try {
				while (in.available() == 0) {
					Thread.sleep(200);
					out.write(' ');
					out.flush();
				}
			}
			catch (IOException ex) {
				// The server closed the connection while the body was still being sent:
				// read what it said.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					answer.write(buffer, 0, n);
				}
			}
			catch (SocketException ex) {
				// Closed with the rest of the body unread, the connection may be reset:
				// what arrived before the reset is still the answer, if anything did.
				if (answer.size() == 0) {
					return CLOSED;
				}
			}
			return answer.toString(StandardCharsets.UTF_8);
		}
	}

}
