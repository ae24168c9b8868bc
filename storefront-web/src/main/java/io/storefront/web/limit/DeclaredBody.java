package io.storefront.web.limit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request says a body follows: a {@code Content-Length} above 0 or a
 * {@code Transfer-Encoding}.
 */
public final class DeclaredBody {

	private DeclaredBody() {
	}

	public static boolean follows(HttpServletRequest request) {
		long length = request.getContentLengthLong();
		return length > 0 || (length < 0 && request.getHeader("Transfer-Encoding") != null);
	}

}
