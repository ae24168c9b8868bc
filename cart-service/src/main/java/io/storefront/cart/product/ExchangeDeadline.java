package io.storefront.cart.product;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.util.Timeout;

/**
 * Makes a request's response timeout bound its whole exchange, from waiting for a pooled
 * connection to the last byte of the body. HttpClient applies that timeout to each read
 * only, so a server trickling one byte at a time would hold a caller for ever; here the
 * exchange is aborted ({@link Cancellable#cancel()}, which closes the connection) when
 * the timeout has passed since it started.
 * <p>
 * The exchange ends when the body (or the response) is closed. What the caller did not
 * read by then is not drained: the connection is dropped instead, so an answer refused
 * from its headers (or partly read) costs no more time. A body read to its end has
 * already given its connection back to the pool, where it stays.
 */
final class ExchangeDeadline implements ExecChainHandler, AutoCloseable {

	static final String NAME = "storefront-exchange-deadline";

	private final ScheduledThreadPoolExecutor timer;

	ExchangeDeadline() {
		this.timer = new ScheduledThreadPoolExecutor(1,
				Thread.ofPlatform().daemon().name("product-service-deadline").factory());
		// Almost every exchange ends before its deadline: keep the queue to those in
		// flight.
		this.timer.setRemoveOnCancelPolicy(true);
	}

	@Override
	public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
			throws IOException, HttpException {
		Timeout limit = scope.clientContext.getRequestConfigOrDefault().getResponseTimeout();
		if (limit == null || limit.isDisabled() || !(scope.originalRequest instanceof Cancellable exchange)) {
			return chain.proceed(request, scope);
		}
		ScheduledFuture<?> abort = this.timer.schedule(exchange::cancel, limit.toNanoseconds(), TimeUnit.NANOSECONDS);
		Runnable end = () -> {
			abort.cancel(false);
			exchange.cancel();
		};
		try {
			ClassicHttpResponse response = chain.proceed(request, scope);
			if (response.getEntity() == null) {
				abort.cancel(false);
			}
			else {
				response.setEntity(new EndedOnClose(response.getEntity(), end));
			}
			return response;
		}
		catch (CancellationException ex) {
			// Aborted while waiting for a pooled connection: the pool's lease says so
			// unchecked, which no caller of an HTTP client expects.
			abort.cancel(false);
			InterruptedIOException timedOut = new InterruptedIOException(
					"no pooled connection within the exchange's " + limit.toMilliseconds() + " ms");
			timedOut.initCause(ex);
			throw timedOut;
		}
		catch (IOException | HttpException | RuntimeException ex) {
			abort.cancel(false);
			throw ex;
		}
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

	/** A response body whose closing (or its stream's) ends its exchange. */
	private static final class EndedOnClose extends HttpEntityWrapper {

		private final Runnable end;

		EndedOnClose(HttpEntity body, Runnable end) {
			super(body);
			this.end = end;
		}

		@Override
		public InputStream getContent() throws IOException {
			return new FilterInputStream(super.getContent()) {

				@Override
				public void close() {
					endThenClose(this.in);
				}

			};
		}

		@Override
		public void close() {
			endThenClose(super::close);
		}

		/**
		 * Ending the exchange closed the connection under what is left of the body, so
		 * closing it may only say that.
		 */
		private void endThenClose(Closeable body) {
			this.end.run();
			try {
				body.close();
			}
			catch (IOException ex) {
				// nothing left to read, nothing to give back to the pool
			}
		}

	}

}
