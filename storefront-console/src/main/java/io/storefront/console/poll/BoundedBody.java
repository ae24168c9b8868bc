package io.storefront.console.poll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body, read whole up to a limit: a longer one fails its request with
 * {@link TooLargeException} as soon as it passes the limit, so that one service (or
 * whatever answers at its address) cannot fill the console's small heap. The JDK's client
 * offers no bounded body handler.
 */
final class BoundedBody implements HttpResponse.BodyHandler<byte[]> {

	private final int limit;

	BoundedBody(int limit) {
		this.limit = limit;
	}

	@Override
	public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
		return new Subscriber(this.limit);
	}

	/** The body went past {@code limit} bytes. */
	static final class TooLargeException extends IOException {

		TooLargeException(int limit) {
			super("answered more than " + (limit / 1024) + " KiB");
		}

	}

	private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {

		private final int limit;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final CompletableFuture<byte[]> body = new CompletableFuture<>();

		private Flow.Subscription subscription;

		Subscriber(int limit) {
			this.limit = limit;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			for (ByteBuffer buffer : buffers) {
				if (this.body.isDone()) {
					return;
				}
				if (this.bytes.size() + buffer.remaining() > this.limit) {
					this.subscription.cancel();
					this.body.completeExceptionally(new TooLargeException(this.limit));
					return;
				}
				byte[] chunk = new byte[buffer.remaining()];
				buffer.get(chunk);
				this.bytes.writeBytes(chunk);
			}
		}

		@Override
		public void onError(Throwable failure) {
			this.body.completeExceptionally(failure);
		}

		@Override
		public void onComplete() {
			this.body.complete(this.bytes.toByteArray());
		}

	}

}
