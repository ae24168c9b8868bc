package io.storefront.deploy;

/** A rendered object that its kind's schema refuses. */
class SchemaViolation extends RuntimeException {

	SchemaViolation(String message) {
		super(message);
	}

	SchemaViolation(String message, Throwable cause) {
		super(message, cause);
	}

}
