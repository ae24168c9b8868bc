package io.storefront.web.limit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletInputStream;

import org.springframework.http.HttpStatus;

/**
 * Collects one request's body as Tomcat hands it over, then dispatches the request again;
 * or answers 408 when the deadline passes first, 413 when the body grows past the limit,
 * or 503 when the budget of all bodies in memory cannot take its next bytes. The bytes it
 * took from the budget go back when it refuses, or with the body to whoever processes the
 * request.
 */
final class BodyReceiver extends AsyncBodyRead {

	private final ServletInputStream input;

	private final Semaphore budget;

	private final String attribute;

	private final ByteArrayOutputStream body;

	private final byte[] buffer = new byte[8192];

	private int heldBytes;

	/**
	 * @param input the body as {@link RequestBodyLimitFilter}, ahead of the deadline
	 * filter, hands it on, and the only check of its size: a chunked body counted as it
	 * is read, a read past the limit throwing {@link PayloadTooLargeException}; a
	 * declared one within the limit, which Tomcat reads no further than its length
	 */
	BodyReceiver(AsyncContext async, ServletInputStream input, Semaphore budget, String attribute) {
		super(async);
		this.input = input;
		this.budget = budget;
		this.attribute = attribute;
		// Grown with the bytes the budget grants, never sized by what the client
		// declares: a Content-Length of the whole limit followed by one byte would
		// otherwise hold the limit's worth of heap per connection, outside the budget.
		this.body = new ByteArrayOutputStream(this.buffer.length);
	}

	@Override
	public synchronized void onDataAvailable() throws IOException {
		try {
			while (!finished() && this.input.isReady()) {
				int n = this.input.read(this.buffer);
				if (n < 0) {
					return;
				}
				if (!this.budget.tryAcquire(n)) {
					refuse(HttpStatus.SERVICE_UNAVAILABLE,
							"the service is receiving too many request bodies at once; retry shortly");
					return;
				}
				this.heldBytes += n;
				this.body.write(this.buffer, 0, n);
			}
		}
		catch (PayloadTooLargeException ex) {
			refuse(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
		}
	}

	@Override
	public synchronized void onAllDataRead() {
		if (finish()) {
			request().setAttribute(this.attribute, new Received(this.body.toByteArray(), this.heldBytes));
			this.heldBytes = 0;
			async().dispatch();
		}
	}

	@Override
	protected void release() {
		this.budget.release(this.heldBytes);
		this.heldBytes = 0;
	}

	/**
	 * A complete body, and the bytes of the budget it holds until its request has been
	 * processed.
	 */
	record Received(byte[] body, int heldBytes) {

	}

}
