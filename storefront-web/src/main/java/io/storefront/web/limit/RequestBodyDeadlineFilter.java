package io.storefront.web.limit;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

/**
 * Receives a request's body before the request is processed, without holding a request
 * slot while it arrives, and within a deadline. A request with a body goes asynchronous:
 * its bytes are read as they come (non-blocking, Servlet 3.1), and only once the body is
 * complete is the request dispatched again, now with the whole body in memory, through
 * the rest of the filters and Spring MVC. A body not complete within the deadline is
 * answered 408 and its connection closed; a client that goes silent is cut off by
 * Tomcat's read timeout even sooner.
 *
 * <p>
 * Without it, each request would read its body on its own thread while holding one of the
 * bounded executor's turns, so a few hundred clients sending their bodies a byte a second
 * would hold every turn, and the health probes would wait behind them.
 *
 * <p>
 * The bodies in memory, arriving or waiting for their turn, share one byte budget: this
 * filter runs before authentication, and without a bound a few hundred clients sending
 * bodies of the largest size at once would fill the heap. A body the budget cannot take
 * is answered 503 with {@code Retry-After}; its bytes are given back once its request has
 * been processed or refused. A complete body over {@link LargeBodyTurns}'s size waits for
 * one of their turns before it is processed.
 */
public class RequestBodyDeadlineFilter extends HttpFilter {

	private static final String BODY = RequestBodyDeadlineFilter.class.getName() + ".body";

	private final Duration deadline;

	private final Semaphore budget;

	private final LargeBodyTurns largeBodies;

	/**
	 * @param budgetBytes the bytes of all bodies held at once; raised to
	 * {@code limitBytes} when lower
	 * @param largeBodies the turns a complete body over their size is processed in
	 */
	public RequestBodyDeadlineFilter(Duration deadline, long limitBytes, long budgetBytes, LargeBodyTurns largeBodies) {
		this.deadline = deadline;
		this.budget = new Semaphore((int) Math.min(Math.max(budgetBytes, limitBytes), Integer.MAX_VALUE));
		this.largeBodies = largeBodies;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request.getDispatcherType() == DispatcherType.ASYNC
				&& request.getAttribute(BODY) instanceof BodyReceiver.Received received) {
			request.removeAttribute(BODY);
			boolean large = this.largeBodies.isLarge(received.body().length);
			if (large && !this.largeBodies.take()) {
				this.budget.release(received.heldBytes());
				refuseLargeBody(request, response);
				return;
			}
			try {
				chain.doFilter(new ReceivedRequest(request, received.body()), response);
			}
			finally {
				this.budget.release(received.heldBytes());
				if (large) {
					this.largeBodies.give();
				}
			}
			return;
		}
		if (request.getDispatcherType() != DispatcherType.REQUEST || !DeclaredBody.follows(request)
				|| !request.isAsyncSupported()) {
			chain.doFilter(request, response);
			return;
		}
		AsyncContext async = request.startAsync(request, response);
		async.setTimeout(this.deadline.toMillis());
		BodyReceiver receiver = new BodyReceiver(async, request.getInputStream(), this.budget, BODY);
		async.addListener(receiver);
		request.getInputStream().setReadListener(receiver);
	}

	private static void refuseLargeBody(HttpServletRequest request, HttpServletResponse response) {
		try {
			ProblemAnswer.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
					"too many large request bodies at once; retry shortly");
		}
		catch (IOException ex) {
			// The client is gone: nothing to tell it.
		}
	}

	/**
	 * The request as dispatched again with its body: to the filters after this one and to
	 * Spring MVC it is the original request, whose body can be read at once.
	 */
	private static final class ReceivedRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		ReceivedRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public DispatcherType getDispatcherType() {
			return DispatcherType.REQUEST;
		}

		@Override
		public ServletInputStream getInputStream() {
			return new ReceivedBody(this.body);
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(),
					(encoding != null) ? encoding : StandardCharsets.UTF_8.name()));
		}

	}

	private static final class ReceivedBody extends ServletInputStream {

		private final ByteArrayInputStream bytes;

		ReceivedBody(byte[] body) {
			this.bytes = new ByteArrayInputStream(body);
		}

		@Override
		public int read() {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.bytes.read(buffer, offset, length);
		}

		@Override
		public int available() {
			return this.bytes.available();
		}

		@Override
		public boolean isFinished() {
			return this.bytes.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new IllegalStateException("the body has already been received");
		}

	}

}
