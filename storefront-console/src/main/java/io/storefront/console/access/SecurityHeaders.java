package io.storefront.console.access;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What a browser is told about every answer: the page runs only its own script and style,
 * posts its forms only to the console, is never shown in another site's frame (so its
 * login form cannot be overlaid by one), and no answer is read as another type than it
 * says. Set in Tomcat's engine, before any filter, so that also the answers no servlet
 * writes carry them: the host guard's refusal, a path Tomcat rejects ({@code /%00}) and
 * {@code TRACE}.
 */
@Component
class SecurityHeaders implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; "
			+ "frame-ancestors 'none'; object-src 'none'";

	/** Every method the console answers at some path. */
	static final String ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS";

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addEngineValves(new Valve());
	}

	static final class Valve extends ValveBase {

		Valve() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
			response.setHeader("X-Frame-Options", "DENY");
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("Referrer-Policy", "no-referrer");
			if (HttpMethod.TRACE.matches(request.getMethod())
					&& response.getStatus() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
				// Tomcat refused it already, naming every method a servlet could have
				response.setHeader("Allow", ALLOWED_METHODS);
			}
			getNext().invoke(request, response);
		}

	}

}
