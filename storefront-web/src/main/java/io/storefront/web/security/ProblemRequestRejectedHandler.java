package io.storefront.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.storefront.problem.ProblemJson;

/**
 * 400 as problem+json for what Spring Security's firewall refuses, saying what it
 * refuses: its own answer went through the container's error page as a bare "bad
 * request", which left the client guessing. A path is refused for what could make it mean
 * one thing to a proxy and another to the service; the firewall's other refusals (a
 * header or parameter with a control character) get the second detail.
 */
public class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	static final String PATH = "the path holds what no route takes: an encoded %, . or line break (%25, %2E, "
			+ "%0A), a ;, or an empty or dot segment (//, /./, /../)";

	static final String OTHER = "the request holds a header, parameter or host name with a control "
			+ "character or one Unicode does not assign";

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		ProblemJson.send(request, response, HttpStatus.BAD_REQUEST, isAboutThePath(rejected) ? PATH : OTHER);
	}

	/**
	 * By the start of StrictHttpFirewall's message, which is fixed: the rest names the
	 * header or parameter, and so may say anything.
	 */
	private static boolean isAboutThePath(RequestRejectedException rejected) {
		String reason = String.valueOf(rejected.getMessage());
		return reason.startsWith("The request was rejected because the URL") || reason.startsWith("The requestURI");
	}

}
