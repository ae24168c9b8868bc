package io.storefront.auth.limit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What one client's address allowance is kept under: an IPv4 address as it is, an IPv6
 * address by its /64 network. One IPv6 subscriber or host is usually given a whole /64,
 * so counting each of its 2^64 addresses apart would give it a fresh allowance per
 * request.
 */
final class ClientNetwork {

	private static final int IPV6_NETWORK_BYTES = 8;

	private ClientNetwork() {
	}

	/**
	 * @param remoteAddress the request's remote address, a numeric literal as the servlet
	 * container reports it
	 */
	static String of(String remoteAddress) {
		InetAddress address;
		try {
			// a literal is parsed, never looked up
			address = InetAddress.getByName(remoteAddress);
		}
		catch (UnknownHostException | SecurityException ex) {
			return remoteAddress;
		}
		if (!(address instanceof Inet6Address)) {
			return address.getHostAddress();
		}
		byte[] network = Arrays.copyOf(address.getAddress(), 16);
		Arrays.fill(network, IPV6_NETWORK_BYTES, network.length, (byte) 0);
		try {
			return InetAddress.getByAddress(network).getHostAddress() + "/64";
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("16 bytes are an IPv6 address", ex);
		}
	}

}
