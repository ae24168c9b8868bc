package io.storefront.launcher.replicas;

import io.storefront.launcher.process.ChildProcess;
import io.storefront.launcher.services.ServiceGroup;
import io.storefront.launcher.services.ServiceProcess;
import io.storefront.launcher.state.RunLock;

/**
 * One replica in its {@link ServiceGroup}, started again in its place there (same spec,
 * same port, same log).
 */
final class GroupReplica implements Restartable {

	private final ServiceGroup group;

	private ServiceProcess process;

	GroupReplica(ServiceGroup group, ServiceProcess process) {
		this.group = group;
		this.process = process;
	}

	@Override
	public String label() {
		return this.process.spec().label();
	}

	@Override
	public String address() {
		return this.process.spec().baseUrl();
	}

	@Override
	public ChildProcess child() {
		return this.process.child();
	}

	@Override
	public void startAgain() {
		this.process = this.group.restart(this.process);
	}

	@Override
	public boolean isReady() {
		return this.group.isReady(this.process);
	}

	@Override
	public void record(RunLock lock) {
		lock.recordService(label(), this.process.child().pid());
	}

}
