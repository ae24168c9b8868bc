package io.storefront.problem.autoconfigure;

import org.apache.catalina.core.StandardHost;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.storefront.problem.NoEmptyAcceptPatch;
import io.storefront.problem.ProblemErrorController;
import io.storefront.problem.ProblemErrorReportValve;
import io.storefront.problem.RequestFilterOrder;
import io.storefront.problem.negotiation.AcceptNegotiation;
import io.storefront.problem.negotiation.EmptyAcceptElements;

/**
 * Problem+json for the errors no controller of the application answers: the
 * {@code /error} controller in place of Spring Boot's (so it runs before
 * {@link ErrorMvcAutoConfiguration}, whose own backs off), and Tomcat's error report
 * valve; {@code OPTIONS} answers without the empty {@code Accept-Patch} Spring MVC gives
 * them; and {@code Accept} read as RFC 9110 weighs it.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class StorefrontProblemAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	/**
	 * Innermost of the filters, where Spring MVC's {@code OPTIONS} answer writes its
	 * headers.
	 */
	@Bean
	FilterRegistrationBean<NoEmptyAcceptPatch> noEmptyAcceptPatch() {
		return new FilterRegistrationBean<>(new NoEmptyAcceptPatch());
	}

	/**
	 * Ahead of Spring Security (order -100) and of everything that reads {@code Accept},
	 * at its place among storefront-web's filters: {@link RequestFilterOrder}.
	 */
	@Bean
	FilterRegistrationBean<EmptyAcceptElements> emptyAcceptElements() {
		FilterRegistrationBean<EmptyAcceptElements> registration = new FilterRegistrationBean<>(
				new EmptyAcceptElements());
		registration.setOrder(RequestFilterOrder.ACCEPT);
		return registration;
	}

	@Bean
	AcceptNegotiation acceptNegotiation() {
		return new AcceptNegotiation();
	}

	/**
	 * Installs {@link ProblemErrorReportValve} as the host's error report valve. It is
	 * added after (so runs inside) Spring Boot's own, and reports first; naming its class
	 * on the host stops Tomcat from adding its default HTML valve at start.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StandardHost.class)
	static class Tomcat {

		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReportValve() {
			return (factory) -> factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
					host.getPipeline().addValve(new ProblemErrorReportValve());
				}
			});
		}

	}

}
