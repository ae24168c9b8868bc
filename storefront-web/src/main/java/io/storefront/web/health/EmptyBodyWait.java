package io.storefront.web.health;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import io.storefront.problem.ProblemJson;

/**
 * Reads a probe's chunked body as it arrives, without holding a request thread: a body
 * that ends with no byte of data is no body, and the probe is answered; the first byte of
 * data is refused with 413, the rest unread. Only reading can tell an empty chunked body
 * from another. Tomcat may call the read callbacks and the timeout on different threads,
 * hence the lock; whichever finishes first wins.
 */
final class EmptyBodyWait implements ReadListener, AsyncListener {

	/** What a request whose body turned out empty is answered with. */
	@FunctionalInterface
	interface Answer {

		void write(HttpServletRequest request, HttpServletResponse response) throws IOException;

	}

	private final AsyncContext async;

	private final ServletInputStream input;

	private final Answer answer;

	private boolean finished;

	private EmptyBodyWait(AsyncContext async, ServletInputStream input, Answer answer) {
		this.async = async;
		this.input = input;
		this.answer = answer;
	}

	/** Starts reading the request's body; {@code answer} runs once it has ended empty. */
	static void start(HttpServletRequest request, HttpServletResponse response, long timeoutMillis, Answer answer)
			throws IOException {
		AsyncContext async = request.startAsync(request, response);
		async.setTimeout(timeoutMillis);
		EmptyBodyWait wait = new EmptyBodyWait(async, request.getInputStream(), answer);
		async.addListener(wait);
		request.getInputStream().setReadListener(wait);
	}

	@Override
	public synchronized void onDataAvailable() throws IOException {
		if (!this.finished && this.input.isReady() && this.input.read() >= 0) {
			refuse(HttpStatus.CONTENT_TOO_LARGE, "the health probes take no request body");
		}
	}

	@Override
	public synchronized void onAllDataRead() throws IOException {
		if (this.finished) {
			return;
		}
		this.finished = true;
		try {
			this.answer.write(request(), response());
		}
		finally {
			this.async.complete();
		}
	}

	/**
	 * The connection failed, its coding was malformed, or Tomcat's read timeout passed:
	 * there is no one left to answer.
	 */
	@Override
	public synchronized void onError(Throwable failure) {
		if (!this.finished) {
			this.finished = true;
			response().setHeader("Connection", "close");
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
		try {
			// the rest of the body is never read, so the connection cannot carry another
			// request
			response().setHeader("Connection", "close");
			ProblemJson.send(request(), response(), status, detail);
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone: nothing to tell it.
		}
		finally {
			this.async.complete();
		}
	}

	private HttpServletRequest request() {
		return (HttpServletRequest) this.async.getRequest();
	}

	private HttpServletResponse response() {
		return (HttpServletResponse) this.async.getResponse();
	}

}
