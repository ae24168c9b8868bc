package io.storefront.launcher.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The addresses a TCP port is listened on, as the kernel reports them in
 * {@code /proc/net/tcp} and {@code tcp6}. Read rather than tried: the tests may use
 * loopback addresses only.
 */
final class ListeningSockets {

	/**
	 * 127.0.0.1, ::1 and ::ffff:127.0.0.1 as the kernel prints them (32-bit words in host
	 * order).
	 */
	static final Set<String> LOOPBACK = Set.of("0100007F", "00000000000000000000000001000000",
			"0000000000000000FFFF00000100007F");

	private static final String LISTEN = "0A";

	private ListeningSockets() {
	}

	/** The local addresses (kernel hex) of the sockets listening on {@code port}. */
	static List<String> addressesListeningOn(int port) {
		List<String> addresses = new ArrayList<>();
		String portHex = String.format(Locale.ROOT, "%04X", port);
		for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
			for (String line : lines(Path.of(table))) {
				String[] fields = line.strip().split("\\s+");
				if (fields.length > 3 && fields[3].equals(LISTEN) && fields[1].endsWith(":" + portHex)) {
					addresses.add(fields[1].substring(0, fields[1].indexOf(':')));
				}
			}
		}
		return addresses;
	}

	/**
	 * The process that listens on {@code port}: the socket's inode from the kernel's
	 * tables, then the process holding a descriptor of that socket
	 * ({@code /proc/<pid>/fd/* -> socket:[inode]}).
	 */
	static Optional<Long> pidListeningOn(int port) {
		Set<String> sockets = new HashSet<>();
		String portHex = String.format(Locale.ROOT, "%04X", port);
		for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
			for (String line : lines(Path.of(table))) {
				String[] fields = line.strip().split("\\s+");
				if (fields.length > 9 && fields[3].equals(LISTEN) && fields[1].endsWith(":" + portHex)) {
					sockets.add("socket:[" + fields[9] + "]");
				}
			}
		}
		if (sockets.isEmpty()) {
			return Optional.empty();
		}
		return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter((pid) -> holdsAny(pid, sockets)).findFirst();
	}

	private static boolean holdsAny(long pid, Set<String> sockets) {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
			return descriptors.anyMatch((descriptor) -> {
				try {
					return sockets.contains(Files.readSymbolicLink(descriptor).toString());
				}
				catch (IOException ex) {
					return false; // closed meanwhile
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			return false; // gone, or not ours to look at
		}
	}

	private static List<String> lines(Path table) {
		try {
			return Files.exists(table) ? Files.readAllLines(table) : List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
