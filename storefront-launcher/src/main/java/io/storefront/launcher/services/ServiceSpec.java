package io.storefront.launcher.services;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.storefront.db.config.ServiceIdentity;

/**
 * How to run one service: {@code java <jvmOptions> -jar <jar>}, its port and its whole
 * environment. {@link #toString()} leaves the environment out, since it holds passwords.
 *
 * @param jar the service's fat jar, or the jar extracted from it that a start-up cache
 * was trained on
 * @param jvmOptions the JVM flags, before {@code -jar}
 * @param replica which replica of the service this is, from 1; 0 when the service runs
 * alone
 */
public record ServiceSpec(ServiceIdentity service, Path jar, List<String> jvmOptions, int port,
		Map<String, String> environment, Path log, int replica) {

	public ServiceSpec {
		jvmOptions = List.copyOf(jvmOptions);
		environment = Map.copyOf(environment);
	}

	/** The service running alone. */
	public ServiceSpec(ServiceIdentity service, Path jar, List<String> jvmOptions, int port,
			Map<String, String> environment, Path log) {
		this(service, jar, jvmOptions, port, environment, log, 0);
	}

	/**
	 * The same service started from {@code jar} with {@code extraOptions} after its JVM
	 * options.
	 */
	public ServiceSpec startedFrom(Path jar, List<String> extraOptions) {
		List<String> options = new ArrayList<>(this.jvmOptions);
		options.addAll(extraOptions);
		return new ServiceSpec(this.service, jar, options, this.port, this.environment, this.log, this.replica);
	}

	/**
	 * Replica {@code replica} of this service, on its own port with its own environment
	 * and log.
	 */
	public ServiceSpec asReplica(int replica, int port, Map<String, String> environment, Path log) {
		return new ServiceSpec(this.service, this.jar, this.jvmOptions, port, environment, log, replica);
	}

	/**
	 * The command line after the java executable: the JVM options, {@code -jar} and the
	 * jar.
	 */
	public List<String> javaArguments() {
		List<String> arguments = new ArrayList<>(this.jvmOptions);
		arguments.add("-jar");
		arguments.add(this.jar.toString());
		return arguments;
	}

	public String name() {
		return this.service.name();
	}

	/**
	 * What the launcher calls it in its output and lock file: the name, and {@code #r}
	 * for replica r.
	 */
	public String label() {
		return (this.replica == 0) ? name() : name() + "#" + this.replica;
	}

	/**
	 * Where the service answers: on the address it was told to listen on, loopback by
	 * default.
	 */
	public String baseUrl() {
		String address = this.environment.get(ServiceEnvironment.SERVER_ADDRESS);
		return ((address != null) ? new ListenAddress(address) : ListenAddress.LOOPBACK).url(this.port);
	}

	@Override
	public String toString() {
		return "ServiceSpec[" + label() + ", jar=" + this.jar + ", jvmOptions=" + this.jvmOptions + ", port="
				+ this.port + "]";
	}

}
