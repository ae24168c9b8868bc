package io.storefront.cli.provision;

/**
 * Which passwords provisioning gives the services' roles.
 */
public enum PasswordPolicy {

	/**
	 * Keep the passwords in the files; refuse, before changing anything, when a role
	 * exists on the server and its password is in no file, or the file's is not the
	 * server's: a new one, or the file's set again, would lock out the services that use
	 * the server's.
	 */
	KEEP,

	/**
	 * Keep the passwords in the files, setting them again where the server holds another,
	 * and give a new one to a role whose password is in none: for a server whose only
	 * services use these files.
	 */
	KEEP_OR_REPLACE,

	/** Give every role a new password. */
	ROTATE

}
