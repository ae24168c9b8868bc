package io.storefront.web.tomcat;

import java.util.Set;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;

/**
 * Adds the {@link ProbePortFilter} first of all filters, and only when a probe port is
 * set: decided when the service starts, not by a condition that Spring AOT would fix at
 * build time. A disabled {@link FilterRegistrationBean} would decide the same, but logs
 * that it was not registered at every start of a service without a probe port.
 */
public final class ProbePortFilterRegistration implements ServletContextInitializer, Ordered {

	private final Integer probePort;

	private final Set<String> paths;

	/**
	 * @param probePort the probe port, {@code null} when none is set
	 * @param paths the paths that answer on it
	 */
	public ProbePortFilterRegistration(Integer probePort, Set<String> paths) {
		this.probePort = probePort;
		this.paths = Set.copyOf(paths);
	}

	@Override
	public void onStartup(ServletContext servletContext) throws ServletException {
		if (this.probePort != null) {
			new FilterRegistrationBean<>(new ProbePortFilter(this.probePort, this.paths)).onStartup(servletContext);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
