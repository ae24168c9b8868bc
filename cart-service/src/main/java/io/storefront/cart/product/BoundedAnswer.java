package io.storefront.cart.product;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The product service's answer, read no further than {@link #MAX_BYTES}: a product is a
 * few hundred bytes, and a faulty or hostile product service sending megabytes to every
 * add would otherwise fill cart's heap (sixteen 30 MB answers at once did). Past the
 * limit, declared or arriving, reading fails with {@link TooLargeException}.
 */
final class BoundedAnswer implements ClientHttpResponse {

	static final int MAX_BYTES = 64 * 1024;

	private final ClientHttpResponse response;

	BoundedAnswer(ClientHttpResponse response) {
		this.response = response;
	}

	@Override
	public HttpStatusCode getStatusCode() throws IOException {
		return this.response.getStatusCode();
	}

	@Override
	public String getStatusText() throws IOException {
		return this.response.getStatusText();
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.response.getHeaders();
	}

	@Override
	public InputStream getBody() throws IOException {
		if (getHeaders().getContentLength() > MAX_BYTES) {
			throw new TooLargeException();
		}
		return new FilterInputStream(this.response.getBody()) {

			private long read;

			@Override
			public int read() throws IOException {
				int b = super.read();
				count((b < 0) ? -1 : 1);
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = super.read(buffer, offset, length);
				count(n);
				return n;
			}

			private void count(int n) throws TooLargeException {
				if (n > 0 && (this.read += n) > MAX_BYTES) {
					throw new TooLargeException();
				}
			}

		};
	}

	@Override
	public void close() {
		this.response.close();
	}

	/** The answer is longer than any product. */
	static final class TooLargeException extends IOException {

		TooLargeException() {
			super("the answer is larger than " + MAX_BYTES + " bytes");
		}

	}

}
