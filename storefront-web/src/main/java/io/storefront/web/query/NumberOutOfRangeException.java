package io.storefront.web.query;

/**
 * A whole number in a path variable or query parameter, written in canonical form, that
 * its type cannot hold ({@code /products/9223372036854775808}): "must be a valid whole
 * number" would be wrong about it. It carries the bound it passed, for the 422 to name.
 */
public class NumberOutOfRangeException extends IllegalArgumentException {

	private final boolean tooLarge;

	private final Number bound;

	NumberOutOfRangeException(boolean tooLarge, Number bound) {
		super((tooLarge ? "above " : "below ") + "the type's bound " + bound);
		this.tooLarge = tooLarge;
		this.bound = bound;
	}

	/** Above the type's maximum, rather than below its minimum. */
	public boolean tooLarge() {
		return this.tooLarge;
	}

	/** The type's maximum or minimum, whichever the number passed. */
	public Number bound() {
		return this.bound;
	}

}
