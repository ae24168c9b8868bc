package io.storefront.web.query;

/**
 * A whole number in a path variable or query parameter, written in canonical form, that
 * its type cannot hold ({@code /products/9223372036854775808}): "must be a valid whole
 * number" would be wrong about it. Its message names the type's bound.
 */
public class NumberOutOfRangeException extends IllegalArgumentException {

	private final boolean tooLarge;

	NumberOutOfRangeException(boolean tooLarge, Number bound) {
		super((tooLarge ? "must be at most " : "must be at least ") + bound);
		this.tooLarge = tooLarge;
	}

	/** Above the type's maximum, rather than below its minimum. */
	public boolean tooLarge() {
		return this.tooLarge;
	}

}
