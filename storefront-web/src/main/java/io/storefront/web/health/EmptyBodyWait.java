package io.storefront.web.health;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import io.storefront.web.limit.AsyncBodyRead;

/**
 * Reads a probe's chunked body as it arrives, without holding a request thread: a body
 * that ends with no byte of data is no body, and the probe is answered; the first byte of
 * data is refused with 413, the rest unread. Only reading can tell an empty chunked body
 * from another.
 */
final class EmptyBodyWait extends AsyncBodyRead {

	/** What a request whose body turned out empty is answered with. */
	@FunctionalInterface
	interface Answer {

		void write(HttpServletRequest request, HttpServletResponse response) throws IOException;

	}

	private final ServletInputStream input;

	private final Answer answer;

	private EmptyBodyWait(AsyncContext async, ServletInputStream input, Answer answer) {
		super(async);
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
		if (!finished() && this.input.isReady() && this.input.read() >= 0) {
			refuse(HttpStatus.CONTENT_TOO_LARGE, "the health probes take no request body");
		}
	}

	@Override
	public synchronized void onAllDataRead() throws IOException {
		if (finish()) {
			try {
				this.answer.write(request(), response());
			}
			finally {
				async().complete();
			}
		}
	}

}
