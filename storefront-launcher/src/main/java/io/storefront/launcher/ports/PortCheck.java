package io.storefront.launcher.ports;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.storefront.launcher.LauncherException;
import io.storefront.launcher.console.StatusConsole;

/** Refuses to start when a port we need is taken, naming every such port in one line. */
public final class PortCheck {

	/**
	 * The defaults (54329, 54330) lie in Linux's range of ports for outgoing connections
	 * (32768–60999), so a connection to anywhere may hold one as its own end for a while.
	 */
	private static final String WHAT_TO_DO = "; stop what listens there or holds it (an outgoing connection may have"
			+ " it as its own end), or choose other ports with ";

	/** What the embedded PostgreSQL's port is for, in the lines naming a taken port. */
	public static final String POSTGRESQL = "PostgreSQL";

	/** What PgBouncer's port is for, in the lines naming a taken port. */
	public static final String PGBOUNCER = "PgBouncer";

	private PortCheck() {
	}

	/**
	 * @param ports what each port is for, in the order to report them
	 */
	public static void requireFree(Map<Integer, String> ports) {
		List<String> taken = new ArrayList<>();
		Set<String> options = new LinkedHashSet<>();
		ports.forEach((port, owner) -> {
			if (!isFree(port)) {
				taken.add(port + " (" + owner + ")");
				options.add(optionMoving(owner));
			}
		});
		String whatToDo = WHAT_TO_DO + String.join(" / ", options);
		if (taken.size() == 1) {
			throw new LauncherException("port " + taken.get(0) + " is already in use" + whatToDo);
		}
		if (!taken.isEmpty()) {
			throw new LauncherException("ports " + String.join(", ", taken) + " are already in use" + whatToDo);
		}
	}

	/**
	 * The same line for a port found taken later, by the program that was to listen
	 * there.
	 */
	public static LauncherException taken(int port, String owner) {
		return new LauncherException(
				"port " + port + " (" + owner + ") is already in use" + WHAT_TO_DO + optionMoving(owner));
	}

	/**
	 * The option of {@code up} that moves the port of {@code owner}, so that the line
	 * does not send the operator to one that leaves it where it is.
	 */
	private static String optionMoving(String owner) {
		return switch (owner) {
			case POSTGRESQL -> "--pg-port";
			case PGBOUNCER -> "--pgbouncer-port";
			case StatusConsole.NAME -> "--console-port";
			default -> "--base-port";
		};
	}

	/**
	 * Binds the port on every interface, as the services do; a listener on any address
	 * makes that fail.
	 */
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
