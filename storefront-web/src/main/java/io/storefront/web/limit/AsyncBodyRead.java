package io.storefront.web.limit;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

/**
 * A request's body read as Tomcat hands it over, on an asynchronous request, until the
 * reader is done with it or refuses it: a refusal is answered as problem+json and its
 * connection closed, the rest of the body unread; a deadline that passes first is a 408,
 * a failed connection ends the request with no answer. Tomcat may call the read callbacks
 * and the timeout on different threads, hence the lock on the reader; whichever finishes
 * first wins.
 */
public abstract class AsyncBodyRead implements ReadListener, AsyncListener {

	private final AsyncContext async;

	private boolean finished;

	protected AsyncBodyRead(AsyncContext async) {
		this.async = async;
	}

	/** What the reader holds for the request, given back when it is refused. */
	protected void release() {
	}

	/**
	 * Marks the reading done, if nothing else has: {@code false} when it already was.
	 */
	protected final synchronized boolean finish() {
		if (this.finished) {
			return false;
		}
		this.finished = true;
		return true;
	}

	protected final synchronized boolean finished() {
		return this.finished;
	}

	protected final AsyncContext async() {
		return this.async;
	}

	protected final HttpServletRequest request() {
		return (HttpServletRequest) this.async.getRequest();
	}

	protected final HttpServletResponse response() {
		return (HttpServletResponse) this.async.getResponse();
	}

	/**
	 * The connection failed, its coding was malformed, or Tomcat's read timeout passed:
	 * there is no one left to answer.
	 */
	@Override
	public final synchronized void onError(Throwable failure) {
		if (finish()) {
			release();
			closeConnection();
			this.async.complete();
		}
	}

	@Override
	public final synchronized void onTimeout(AsyncEvent event) {
		refuse(HttpStatus.REQUEST_TIMEOUT, "the request body did not arrive in time");
	}

	@Override
	public final void onComplete(AsyncEvent event) {
	}

	@Override
	public final void onError(AsyncEvent event) {
	}

	@Override
	public final void onStartAsync(AsyncEvent event) {
	}

	protected final synchronized void refuse(HttpStatus status, String detail) {
		if (!finish()) {
			return;
		}
		release();
		try {
			closeConnection();
			ProblemAnswer.write(request(), response(), status, detail);
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
		response().setHeader("Connection", "close");
	}

}
