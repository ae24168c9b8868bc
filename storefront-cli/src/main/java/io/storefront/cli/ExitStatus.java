package io.storefront.cli;

/** The tool's exit codes: 0 all good, 1 a check failed or the work could not be done, 2 wrong usage. */
public final class ExitStatus {

	public static final int OK = 0;

	public static final int FAILED = 1;

	public static final int USAGE = 2;

	private ExitStatus() {
	}

}
