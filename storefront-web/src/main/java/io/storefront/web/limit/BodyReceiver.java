package io.storefront.web.limit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import io.storefront.web.problem.ProblemJson;

/**
 * Collects one request's body as Tomcat hands it over, then dispatches the request again;
 * or answers 408 when the deadline passes first, or 413 when the body grows past the
 * limit. Tomcat may call the read callbacks and the timeout on different threads, hence
 * the lock; whichever finishes first wins.
 */
final class BodyReceiver implements ReadListener, AsyncListener {

	private final AsyncContext async;

	private final ServletInputStream input;

	private final long limitBytes;

	private final String attribute;

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	private final byte[] buffer = new byte[8192];

	private boolean finished;

	BodyReceiver(AsyncContext async, ServletInputStream input, long limitBytes, String attribute) {
		this.async = async;
		this.input = input;
		this.limitBytes = limitBytes;
		this.attribute = attribute;
	}

	@Override
	public synchronized void onDataAvailable() throws IOException {
		try {
			while (!this.finished && this.input.isReady()) {
				int n = this.input.read(this.buffer);
				if (n < 0) {
					return;
				}
				this.body.write(this.buffer, 0, n);
				if (this.body.size() > this.limitBytes) {
					throw new PayloadTooLargeException(this.limitBytes);
				}
			}
		}
		catch (PayloadTooLargeException ex) {
			refuse(HttpStatus.CONTENT_TOO_LARGE, "the request body is larger than " + this.limitBytes + " bytes");
		}
	}

	@Override
	public synchronized void onAllDataRead() {
		if (!this.finished) {
			this.finished = true;
			this.async.getRequest().setAttribute(this.attribute, this.body.toByteArray());
			this.async.dispatch();
		}
	}

	/**
	 * The connection failed or Tomcat's read timeout passed: there is no one left to
	 * answer.
	 */
	@Override
	public synchronized void onError(Throwable failure) {
		if (!this.finished) {
			this.finished = true;
			closeConnection();
			this.async.complete();
		}
	}

	@Override
	public synchronized void onTimeout(AsyncEvent event) {
		refuse(HttpStatus.REQUEST_TIMEOUT, "the request body did not arrive in time");
	}

	@Override
	public void onComplete(AsyncEvent event) {
	}

	@Override
	public void onError(AsyncEvent event) {
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
	}

	private void refuse(HttpStatus status, String detail) {
		if (this.finished) {
			return;
		}
		this.finished = true;
		HttpServletResponse response = (HttpServletResponse) this.async.getResponse();
		try {
			response.setStatus(status.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			closeConnection();
			String uri = ((HttpServletRequest) this.async.getRequest()).getRequestURI();
			response.getOutputStream().write(ProblemJson.of(status, detail, uri).getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone: nothing to tell it.
		}
		finally {
			this.async.complete();
		}
	}

	/**
	 * The rest of the body is never read, so the connection cannot carry another request.
	 */
	private void closeConnection() {
		((HttpServletResponse) this.async.getResponse()).setHeader("Connection", "close");
	}

}
