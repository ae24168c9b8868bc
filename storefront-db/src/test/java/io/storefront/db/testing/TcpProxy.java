package io.storefront.db.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free loopback port that can stop forwarding without closing anything:
 * a network partition as a client sees it, where packets are neither answered nor
 * refused. While partitioned, bytes already read are held, nothing more is read, and new
 * connections are accepted but not connected onwards; {@link #heal()} lets everything
 * through again, as a healed network would.
 */
public final class TcpProxy implements AutoCloseable {

	private final String targetHost;

	private final int targetPort;

	private final ServerSocket listener;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final Object gate = new Object();

	private boolean forwarding = true;

	public TcpProxy(String targetHost, int targetPort) {
		this(targetHost, targetPort, 0);
	}

	/** Listens on {@code listenPort} of the loopback address (0: any free port). */
	public TcpProxy(String targetHost, int targetPort, int listenPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		try {
			this.listener = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread.ofPlatform().daemon().name("tcp-proxy-" + port()).start(this::accept);
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/** Stops forwarding in both directions; every socket stays open. */
	public void partition() {
		synchronized (this.gate) {
			this.forwarding = false;
		}
	}

	/** Forwards again, including what was held. */
	public void heal() {
		synchronized (this.gate) {
			this.forwarding = true;
			this.gate.notifyAll();
		}
	}

	@Override
	public void close() {
		heal();
		closeQuietly(this.listener);
		this.sockets.forEach(TcpProxy::closeQuietly);
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				this.sockets.add(client);
				Thread.ofVirtual().start(() -> connect(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void connect(Socket client) {
		try {
			awaitForwarding();
			Socket server = new Socket(this.targetHost, this.targetPort);
			this.sockets.add(server);
			Thread.ofVirtual().start(() -> pump(client, server));
			Thread.ofVirtual().start(() -> pump(server, client));
		}
		catch (IOException | InterruptedException ex) {
			closeQuietly(client);
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			while (true) {
				awaitForwarding();
				int read = in.read(buffer);
				if (read < 0) {
					break;
				}
				awaitForwarding();
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException | InterruptedException ex) {
			// One side went away: the other goes too, as with a real connection.
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private void awaitForwarding() throws InterruptedException {
		synchronized (this.gate) {
			while (!this.forwarding) {
				this.gate.wait();
			}
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Already closed.
		}
	}

}
