package io.storefront.web.problem;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.validation.FieldError;

/**
 * One number is one message: a number its field's range refuses is told the range, not
 * its decimals too, so a price of {@code -0.001} is told that it must be at least 0, as
 * -1 is, and one of {@code 10000000000.001} its maximum. Bean Validation reports every
 * constraint a value breaks; a number inside the range is still told its decimals. The
 * same rule as {@link UnrepresentableDecimal}'s for numbers no decimal can hold.
 */
final class RangeBeforeDecimals {

	/** Bean Validation's range constraints, by the code Spring gives their errors. */
	private static final Set<String> RANGE = Set.of("Min", "Max", "DecimalMin", "DecimalMax", "Positive",
			"PositiveOrZero", "Negative", "NegativeOrZero");

	private static final String DECIMALS = "Digits";

	private RangeBeforeDecimals() {
	}

	/** The errors to tell: all but the decimals of a field whose range is broken too. */
	static List<FieldError> told(List<FieldError> errors) {
		Set<String> outOfRange = errors.stream()
			.filter((error) -> RANGE.contains(error.getCode()))
			.map(FieldError::getField)
			.collect(Collectors.toSet());
		return errors.stream()
			.filter((error) -> !(DECIMALS.equals(error.getCode()) && outOfRange.contains(error.getField())))
			.toList();
	}

}
