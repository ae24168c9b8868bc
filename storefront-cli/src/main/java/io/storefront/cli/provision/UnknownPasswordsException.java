package io.storefront.cli.provision;

import java.nio.file.Path;
import java.util.List;

import io.storefront.cli.CommandFailedException;

/**
 * Roles exist on the server whose current passwords are in no file of the output folder,
 * and {@link PasswordPolicy#KEEP} forbids replacing them: the folder holds no password
 * for them, or one the server no longer takes. Nothing was changed. The message speaks to
 * a {@code db provision} user; other callers may word their own from {@link #roles()},
 * {@link #folderHolds()} and {@link #folder()}.
 */
public final class UnknownPasswordsException extends CommandFailedException {

	/** What the folder holds for the roles. */
	public enum Holding {

		/** No password at all. */
		NONE,

		/**
		 * A password the server no longer takes: the folder is older than a rotation, or
		 * the password was changed on the server.
		 */
		ANOTHER

	}

	private final List<String> roles;

	private final Holding holding;

	private final Path folder;

	UnknownPasswordsException(String server, List<String> roles, Holding holding, Path folder) {
		super(describe(server, roles, holding, folder));
		this.roles = List.copyOf(roles);
		this.holding = holding;
		this.folder = folder;
	}

	public List<String> roles() {
		return this.roles;
	}

	public Path folder() {
		return this.folder;
	}

	/**
	 * "holds no password for them", "holds a password the server no longer takes for it
	 * (…)".
	 */
	public String folderHolds() {
		return folderHolds(this.roles, this.holding);
	}

	private static String folderHolds(List<String> roles, Holding holding) {
		boolean one = roles.size() == 1;
		String them = one ? "it" : "them";
		return switch (holding) {
			case NONE -> "holds no password for " + them;
			case ANOTHER -> "holds " + (one ? "a password" : "passwords") + " the server no longer takes for " + them
					+ " (the folder is older than a --rotate, or the password was changed on the server)";
		};
	}

	/** "role auth_svc exists", "roles auth_svc and cart_svc exist". */
	public static String rolesExist(List<String> roles) {
		return (roles.size() == 1) ? "role " + roles.get(0) + " exists" : "roles "
				+ String.join(", ", roles.subList(0, roles.size() - 1)) + " and " + roles.getLast() + " exist";
	}

	private static String describe(String server, List<String> roles, Holding holding, Path folder) {
		boolean one = roles.size() == 1;
		return rolesExist(roles) + " at " + server + " but " + folder + " " + folderHolds(roles, holding)
				+ "; nothing was changed. Point --out at the folder that holds " + (one ? "its" : "their")
				+ " env files (or Secrets, for --format kubernetes), or pass --rotate to give "
				+ (one ? "it a new password" : "them new passwords") + " (services using the old "
				+ (one ? "one" : "ones") + " must then be restarted with the new files)";
	}

}
