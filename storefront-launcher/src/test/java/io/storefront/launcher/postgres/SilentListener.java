package io.storefront.launcher.postgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Another program on the port: it accepts every connection and never says a word, as a
 * stuck server or a forgotten {@code nc -l} does.
 */
final class SilentListener implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private SilentListener(ServerSocket socket) {
		this.socket = socket;
		Thread.ofPlatform().daemon().name("silent-listener").start(this::acceptForever);
	}

	/** Listens on every address, IPv4 and IPv6, of a free port. */
	static SilentListener onEveryAddress() throws IOException {
		return bound(new InetSocketAddress(0));
	}

	/** Listens on 127.0.0.1 only, of a free port: ::1 stays free. */
	static SilentListener onIpv4LoopbackOnly() throws IOException {
		return bound(new InetSocketAddress("127.0.0.1", 0));
	}

	private static SilentListener bound(InetSocketAddress address) throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.bind(address);
		return new SilentListener(socket);
	}

	int port() {
		return this.socket.getLocalPort();
	}

	private void acceptForever() {
		try {
			while (true) {
				this.accepted.add(this.socket.accept());
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		for (Socket connection : this.accepted) {
			connection.close();
		}
	}

}
