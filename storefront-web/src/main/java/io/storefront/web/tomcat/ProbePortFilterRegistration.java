package io.storefront.web.tomcat;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;

import io.storefront.problem.RequestFilterOrder;

/**
 * Adds the {@link ProbePortFilter} first of all filters, and only when a probe port is
 * set: decided when the service starts, not by a condition that Spring AOT would fix at
 * build time. A disabled {@link FilterRegistrationBean} would decide the same, but logs
 * that it was not registered at every start of a service without a probe port.
 */
public final class ProbePortFilterRegistration implements ServletContextInitializer, Ordered {

	private final ProbePortFilter filter;

	/**
	 * @param filter the probe port's filter, {@code null} when no probe port is set
	 */
	public ProbePortFilterRegistration(ProbePortFilter filter) {
		this.filter = filter;
	}

	@Override
	public void onStartup(ServletContext servletContext) throws ServletException {
		if (this.filter != null) {
			new FilterRegistrationBean<>(this.filter).onStartup(servletContext);
		}
	}

	@Override
	public int getOrder() {
		return RequestFilterOrder.PROBE_PORT;
	}

}
