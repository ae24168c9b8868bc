package io.storefront.launcher.services;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Where {@code up} tells the services to listen ({@code SERVER_ADDRESS}, Spring's
 * {@code server.address}), and how the launcher, the other services and the printed URLs
 * reach them there. Loopback unless told otherwise: {@code up} starts the services with
 * {@code /health/detailed} open.
 *
 * @param address an IP address or host name, as given
 */
public record ListenAddress(String address) {

	public static final ListenAddress LOOPBACK = new ListenAddress("127.0.0.1");

	/**
	 * @param named what an error names: the option, or the variable that gave the value
	 * @throws IllegalArgumentException naming the option and quoting the value when this
	 * machine cannot resolve it, or it is none of this machine's own
	 */
	public static ListenAddress parse(String named, String text) {
		String address = text.strip();
		if (address.startsWith("[") && address.endsWith("]")) {
			address = address.substring(1, address.length() - 1);
		}
		if (address.isEmpty()) {
			throw refused(named, "an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0", text);
		}
		InetAddress resolved;
		try {
			resolved = InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			throw refused(named, "an IP address or a host name this machine can resolve", text);
		}
		if (!isThisMachines(resolved)) {
			throw refused(named, "127.0.0.1, 0.0.0.0 or an address of one of this machine's interfaces,"
					+ " where the services can listen", text);
		}
		return new ListenAddress(address);
	}

	private static IllegalArgumentException refused(String named, String rule, String text) {
		return new IllegalArgumentException(named + " must be " + rule + " (got \"" + text + "\")");
	}

	private static boolean isThisMachines(InetAddress address) {
		if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
			return true;
		}
		try {
			return NetworkInterface.getByInetAddress(address) != null;
		}
		catch (SocketException ex) {
			return false;
		}
	}

	/**
	 * The host in the services' URLs: the address itself, or loopback when it means every
	 * address.
	 */
	public String reachableHost() {
		if (this.address.equals("0.0.0.0")) {
			return LOOPBACK.address;
		}
		if (this.address.equals("::") || this.address.equals("0:0:0:0:0:0:0:0")) {
			return "[::1]";
		}
		return this.address.contains(":") ? "[" + this.address + "]" : this.address;
	}

	public String url(int port) {
		return "http://" + reachableHost() + ":" + port;
	}

}
