package io.storefront.db.pgbouncer;

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

import com.ongres.scram.client.ScramClient;
import com.ongres.scram.common.exception.ScramException;

/**
 * PgBouncer's admin console ({@code SHOW CONFIG}, {@code SHOW DATABASES}, …), spoken
 * directly over protocol 3.0 with a SCRAM-SHA-256 login: the PostgreSQL driver cannot
 * talk to it, since it takes the console's version ({@code 1.18.0/bouncer}) for an old
 * server and sends a {@code SET} the console refuses. A role named in {@code stats_users}
 * may read every {@code SHOW}.
 *
 * @param host where PgBouncer listens
 * @param port its port
 * @param user the role that logs in to the console
 * @param password that role's password (left out of {@link #toString()})
 */
public record PgBouncerConsole(String host, int port, String user, String password) {

	private static final int PROTOCOL_3_0 = 196_608;

	private static final int AUTHENTICATION_OK = 0;

	private static final int AUTHENTICATION_SASL = 10;

	private static final int AUTHENTICATION_SASL_CONTINUE = 11;

	private static final int AUTHENTICATION_SASL_FINAL = 12;

	private static final String MECHANISM = "SCRAM-SHA-256";

	/**
	 * Runs one console command.
	 * @return its rows, column name to value
	 * @throws IOException when PgBouncer cannot be reached or the exchange breaks off
	 * @throws ConsoleRefusedException when PgBouncer refuses the login or the command
	 * (its message)
	 */
	public List<Map<String, String>> run(String command) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), 5_000);
			socket.setSoTimeout(10_000);
			DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
			DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
			byte[] parameters = ("user\0" + this.user + "\0database\0pgbouncer\0\0").getBytes(StandardCharsets.UTF_8);
			out.writeInt(8 + parameters.length);
			out.writeInt(PROTOCOL_3_0);
			out.write(parameters);
			out.flush();
			ScramClient scram = null;
			boolean sent = false;
			String error = null;
			List<String> columns = List.of();
			List<Map<String, String>> rows = new ArrayList<>();
			while (true) {
				char type = (char) in.readUnsignedByte();
				ByteBuffer body = ByteBuffer.wrap(in.readNBytes(in.readInt() - 4));
				switch (type) {
					case 'R' -> scram = authenticate(out, body, scram);
					case 'E' -> {
						error = errorMessage(body);
						if (!sent) {
							throw new ConsoleRefusedException(
									"PgBouncer refused " + this.user + "'s console login: " + error);
						}
					}
					case 'T' -> columns = columnNames(body);
					case 'D' -> rows.add(row(columns, body));
					case 'Z' -> {
						if (sent) {
							send(out, 'X', new byte[0]);
							if (error != null) {
								throw new ConsoleRefusedException(
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

	/** Names the console and the role, never the password. */
	@Override
	public String toString() {
		return "PgBouncerConsole[" + this.user + "@" + this.host + ":" + this.port + "]";
	}

	private ScramClient authenticate(DataOutputStream out, ByteBuffer body, ScramClient scram) throws IOException {
		int request = body.getInt();
		try {
			switch (request) {
				case AUTHENTICATION_OK -> {
					return scram;
				}
				case AUTHENTICATION_SASL -> {
					List<String> mechanisms = new ArrayList<>();
					for (String mechanism = cString(body); !mechanism.isEmpty(); mechanism = cString(body)) {
						mechanisms.add(mechanism);
					}
					if (!mechanisms.contains(MECHANISM)) {
						throw new ConsoleRefusedException(
								"PgBouncer offers " + mechanisms + " for the console, not " + MECHANISM);
					}
					ScramClient client = ScramClient.builder()
						.advertisedMechanisms(List.of(MECHANISM))
						.username(this.user)
						.password(this.password.toCharArray())
						.build();
					byte[] first = client.clientFirstMessage().toString().getBytes(StandardCharsets.UTF_8);
					byte[] name = (MECHANISM + "\0").getBytes(StandardCharsets.UTF_8);
					ByteBuffer initial = ByteBuffer.allocate(name.length + 4 + first.length);
					initial.put(name).putInt(first.length).put(first);
					send(out, 'p', initial.array());
					return client;
				}
				case AUTHENTICATION_SASL_CONTINUE -> {
					scram.serverFirstMessage(remaining(body));
					send(out, 'p', scram.clientFinalMessage().toString().getBytes(StandardCharsets.UTF_8));
					return scram;
				}
				case AUTHENTICATION_SASL_FINAL -> {
					scram.serverFinalMessage(remaining(body));
					return scram;
				}
				default -> throw new ConsoleRefusedException("PgBouncer asked for authentication method " + request
						+ " on the console; expected SCRAM-SHA-256");
			}
		}
		catch (ScramException ex) {
			throw new ConsoleRefusedException("SCRAM login to PgBouncer's console failed: " + ex.getMessage());
		}
	}

	private static String remaining(ByteBuffer body) {
		byte[] bytes = new byte[body.remaining()];
		body.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
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
			// table OID, column number, type OID, type size, type modifier, format code
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

	/** PgBouncer answered, and said no: to the login or to the command. */
	public static final class ConsoleRefusedException extends IOException {

		ConsoleRefusedException(String message) {
			super(message);
		}

	}

}
