package io.storefront.db.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PgBouncer's admin console, spoken directly: the PostgreSQL driver cannot, since it
 * takes the console's version ({@code 1.18.0/bouncer}) for an old server and sends a
 * {@code SET} the console refuses. Protocol 3.0, simple queries only, cleartext password
 * (loopback only, a test's PgBouncer).
 */
final class AdminConsole {

	private static final int PROTOCOL_3_0 = 196_608;

	private static final int AUTHENTICATION_OK = 0;

	private static final int AUTHENTICATION_CLEARTEXT_PASSWORD = 3;

	private AdminConsole() {
	}

	static List<Map<String, String>> run(int port, String user, String password, String command) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
			socket.setSoTimeout(15_000);
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
			DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
			byte[] parameters = ("user\0" + user + "\0database\0pgbouncer\0\0").getBytes(StandardCharsets.UTF_8);
			out.writeInt(8 + parameters.length);
			out.writeInt(PROTOCOL_3_0);
			out.write(parameters);
			out.flush();
			boolean sent = false;
			String error = null;
			List<String> columns = List.of();
			List<Map<String, String>> rows = new ArrayList<>();
			while (true) {
				char type = (char) in.readUnsignedByte();
				ByteBuffer body = ByteBuffer.wrap(in.readNBytes(in.readInt() - 4));
				switch (type) {
					case 'R' -> {
						int request = body.getInt();
						if (request == AUTHENTICATION_CLEARTEXT_PASSWORD) {
							send(out, 'p', (password + "\0").getBytes(StandardCharsets.UTF_8));
						}
						else if (request != AUTHENTICATION_OK) {
							throw new IOException("the console asked for authentication method " + request);
						}
					}
					case 'E' -> {
						error = errorMessage(body);
						if (!sent) {
							throw new IllegalStateException("PgBouncer's console refused the login: " + error);
						}
					}
					case 'T' -> columns = columnNames(body);
					case 'D' -> rows.add(row(columns, body));
					case 'Z' -> {
						if (sent) {
							send(out, 'X', new byte[0]);
							if (error != null) {
								throw new IllegalStateException(
										"PgBouncer's console refused " + command + ": " + error);
							}
							return rows;
						}
						send(out, 'Q', (command + "\0").getBytes(StandardCharsets.UTF_8));
						sent = true;
					}
					default -> {
						// ParameterStatus, BackendKeyData, CommandComplete, notices:
						// nothing to keep.
					}
				}
			}
		}
	}

	private static void send(DataOutputStream out, char type, byte[] body) throws IOException {
		out.writeByte(type);
		out.writeInt(4 + body.length);
		out.write(body);
		out.flush();
	}

	private static String errorMessage(ByteBuffer body) {
		String message = "unknown error";
		while (body.hasRemaining()) {
			byte field = body.get();
			if (field == 0) {
				break;
			}
			String value = cString(body);
			if (field == 'M') {
				message = value;
			}
		}
		return message;
	}

	private static List<String> columnNames(ByteBuffer body) {
		int count = body.getShort();
		List<String> names = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			names.add(cString(body));
			body.position(body.position() + 18);
		}
		return names;
	}

	private static Map<String, String> row(List<String> columns, ByteBuffer body) {
		int count = body.getShort();
		Map<String, String> row = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			int length = body.getInt();
			String value = null;
			if (length >= 0) {
				byte[] bytes = new byte[length];
				body.get(bytes);
				value = new String(bytes, StandardCharsets.UTF_8);
			}
			row.put(columns.get(i), value);
		}
		return row;
	}

	private static String cString(ByteBuffer body) {
		int start = body.position();
		while (body.get() != 0) {
			// find the terminating zero byte
		}
		return new String(body.array(), start, body.position() - start - 1, StandardCharsets.UTF_8);
	}

}
