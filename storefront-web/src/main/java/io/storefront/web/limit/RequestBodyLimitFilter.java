package io.storefront.web.limit;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import io.storefront.problem.ProblemJson;

/**
 * Refuses request bodies over the limit (1 MiB by default) with 413: at once when
 * {@code Content-Length} says so, otherwise as soon as a chunked body has been read past
 * the limit.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long limitBytes;

	public RequestBodyLimitFilter(long limitBytes) {
		this.limitBytes = limitBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.limitBytes) {
			response.setHeader("Connection", "close");
			ProblemJson.send(request, response, HttpStatus.CONTENT_TOO_LARGE,
					"the request body is larger than " + this.limitBytes + " bytes");
			return;
		}
		// A declared length within the limit is all Tomcat will read; only a chunked body
		// needs counting, on whichever path it is read: by Spring MVC on the request's
		// thread, or by RequestBodyDeadlineFilter's asynchronous reads.
		boolean chunked = request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null;
		chain.doFilter(chunked ? new LimitedRequest(request, this.limitBytes) : request, response);
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limitBytes;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limitBytes) {
			super(request);
			this.limitBytes = limitBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limitBytes);
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limitBytes;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long limitBytes) {
			this.delegate = delegate;
			this.limitBytes = limitBytes;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			this.read += n;
			if (this.read > this.limitBytes) {
				throw new PayloadTooLargeException(this.limitBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
