package io.storefront.cli.provision;

/**
 * Which passwords provisioning gives the services' roles.
 */
public enum PasswordPolicy {

	/**
	 * Keep the passwords in the files; refuse, before changing anything, when a role
	 * exists on the server and its password is in no file: a new one would lock out the
	 * services that use the old one.
	 */
	KEEP,

	/**
	 * Keep the passwords in the files and give a new one to a role whose password is in
	 * none: for a server whose only services use these files.
	 */
	KEEP_OR_REPLACE,

	/** Give every role a new password. */
	ROTATE

}
