package io.storefront.launcher.replicas;

import io.storefront.launcher.process.ChildProcess;
import io.storefront.launcher.state.RunLock;

/**
 * A child that {@code up --replicas} starts again, in its place, when it exits while
 * {@code up} runs: a replica, PgBouncer, HAProxy. None of them holds state that a new run
 * of the same command lacks.
 */
interface Restartable {

	/** What messages call it: {@code product-service#2}, {@code PgBouncer}. */
	String label();

	/** Where it serves, as messages show it: {@code :9222}, {@code 127.0.0.1:54330}. */
	String address();

	/** The process it runs in now. */
	ChildProcess child();

	/**
	 * Starts it again as it was started, once its process exited; fails when it cannot
	 * (then it is not running).
	 */
	void startAgain();

	/** Whether it serves again after {@link #startAgain()}. */
	boolean isReady();

	/**
	 * Records its process in the lock file, so that a later run can stop it if this one
	 * is killed.
	 */
	void record(RunLock lock);

}
