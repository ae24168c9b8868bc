package io.storefront.cli.pgbouncer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.storefront.cli.CommandFailedException;

/**
 * What an earlier {@code db provision --pgbouncer} chose for a folder, as its
 * {@code pgbouncer.ini} says: the port, and the replicas the limits were sized for. A
 * later run without {@code --pgbouncer-port} or {@code --replicas} (a password rotation,
 * say) keeps them: the PgBouncer running from that file listens on that port and serves
 * that many replicas, and a reload does not move it.
 */
public record EarlierPgBouncer(OptionalInt port, OptionalInt replicas) {

	public static final EarlierPgBouncer NONE = new EarlierPgBouncer(OptionalInt.empty(), OptionalInt.empty());

	private static final Pattern PORT = Pattern.compile("(?m)^listen_port = (\\d{1,5})$");

	private static final Pattern REPLICAS = Pattern.compile("(?m)^; Budget: (\\d{1,4}) replica\\(s\\)");

	/** The choices of the {@code pgbouncer.ini} in {@code folder}; none without one. */
	public static EarlierPgBouncer in(Path folder) {
		Path ini = folder.resolve(PgBouncerProvisioning.INI);
		if (!Files.exists(ini)) {
			return NONE;
		}
		try {
			String text = Files.readString(ini);
			return new EarlierPgBouncer(number(PORT.matcher(text)), number(REPLICAS.matcher(text)));
		}
		catch (IOException ex) {
			throw new CommandFailedException("cannot read " + ini + " for the port and replicas it was written for: "
					+ ex.getMessage() + " (or give --pgbouncer-port and --replicas)");
		}
	}

	private static OptionalInt number(Matcher matcher) {
		return matcher.find() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
	}

}
