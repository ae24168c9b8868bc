package io.storefront.web.limit;

/** A request body longer than the limit; answered with 413. */
public class PayloadTooLargeException extends RuntimeException {

	public PayloadTooLargeException(long limitBytes) {
		super("the request body is larger than " + limitBytes + " bytes", null, false, false);
	}

}
