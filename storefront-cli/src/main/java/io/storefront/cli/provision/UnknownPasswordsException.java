package io.storefront.cli.provision;

import java.nio.file.Path;
import java.util.List;

import io.storefront.cli.CommandFailedException;

/**
 * Roles exist on the server whose passwords are in no file of the output folder, and
 * {@link PasswordPolicy#KEEP} forbids replacing them; nothing was changed. The message
 * speaks to a {@code db provision} user; other callers may word their own from
 * {@link #roles()} and {@link #folder()}.
 */
public final class UnknownPasswordsException extends CommandFailedException {

	private final List<String> roles;

	private final Path folder;

	UnknownPasswordsException(String server, List<String> roles, Path folder) {
		super(describe(server, roles, folder));
		this.roles = List.copyOf(roles);
		this.folder = folder;
	}

	public List<String> roles() {
		return this.roles;
	}

	public Path folder() {
		return this.folder;
	}

	/** "role auth_svc exists", "roles auth_svc and cart_svc exist". */
	public static String rolesExist(List<String> roles) {
		return (roles.size() == 1) ? "role " + roles.get(0) + " exists" : "roles "
				+ String.join(", ", roles.subList(0, roles.size() - 1)) + " and " + roles.getLast() + " exist";
	}

	private static String describe(String server, List<String> roles, Path folder) {
		boolean one = roles.size() == 1;
		return rolesExist(roles) + " at " + server + " but " + folder + " holds no password for "
				+ (one ? "it" : "them") + "; nothing was changed. Point --out at the folder that holds "
				+ (one ? "its" : "their") + " env files (or Secrets, for --format kubernetes), or pass --rotate to"
				+ " give " + (one ? "it a new password" : "them new passwords") + " (services using the old "
				+ (one ? "one" : "ones") + " must then be restarted with the new files)";
	}

}
