package io.storefront.web.problem;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Digits;
import tools.jackson.core.JacksonException;

import org.springframework.web.context.request.WebRequest;

import io.storefront.db.cause.CauseChain;

/**
 * A number whose exponent no {@link BigDecimal} can hold ({@code 1e-2147483648},
 * {@code 1e2147483648}). Jackson refuses it before the field's constraints are checked,
 * so "has an invalid value" is all Jackson's error can say. It is told what the field's
 * own constraints say of a number as far out in the same direction as a decimal can be
 * written, so a price is told its maximum, its minimum or its decimals, as 1e400 and
 * 0.001 are. One number is one message: a number the field's range refuses is told the
 * range, and only one inside it its decimals, so {@code -1e-2147483648}, below a price's
 * minimum 0 however small, is told that minimum, as -1 is.
 */
final class UnrepresentableDecimal {

	/**
	 * How Jackson quotes the number it refused: "Value "-1e-2147483648" cannot be
	 * deserialized as `java.math.BigDecimal`". The parser is closed by now.
	 */
	private static final Pattern REFUSED = Pattern
		.compile("Value \"(-?)[0-9.]+[eE]([+-]?)[0-9]+\" cannot be deserialized as `java\\.math\\.BigDecimal`");

	/**
	 * The power of ten that stands in for the refused exponent: beyond any bound a field
	 * sets, yet quick to compare and to count the digits of.
	 */
	private static final int FAR_OUT = 1_000_000;

	private UnrepresentableDecimal() {
	}

	/**
	 * What the field's constraints say of the refused number, or that it is out of range
	 * when the field is not a constrained top-level field of the handler's body; empty
	 * when the error is not about such a number.
	 */
	static Optional<String> message(JacksonException ex, String field, WebRequest request, Validator validator) {
		Matcher refused = REFUSED.matcher(String.valueOf(ex.getOriginalMessage()));
		if (!CauseChain.contains(ex, NumberFormatException.class) || !refused.lookingAt()) {
			return Optional.empty();
		}
		BigDecimal farOut = BigDecimal.ONE.scaleByPowerOfTen("-".equals(refused.group(2)) ? -FAR_OUT : FAR_OUT);
		BigDecimal standIn = refused.group(1).isEmpty() ? farOut : farOut.negate();
		Optional<Method> constrained = (validator != null && ex.getPath().size() == 1)
				? NumberBounds.bodyField(request, field).filter(Method.class::isInstance).map(Method.class::cast)
				: Optional.empty();
		return Optional.of(constrained.flatMap((accessor) -> plainestViolation(validator, accessor, standIn))
			.orElse("is out of range"));
	}

	/**
	 * The violation to name: of the value's range before its decimals ({@code @Digits});
	 * of two of a kind, the first by message, so that the answer is always the same.
	 */
	private static Optional<String> plainestViolation(Validator validator, Method accessor, BigDecimal value) {
		return validator.validateValue(accessor.getDeclaringClass(), accessor.getName(), value)
			.stream()
			.sorted(Comparator.comparing(UnrepresentableDecimal::isDecimals)
				.thenComparing(ConstraintViolation::getMessage))
			.map(ConstraintViolation::getMessage)
			.findFirst();
	}

	private static boolean isDecimals(ConstraintViolation<?> violation) {
		return violation.getConstraintDescriptor().getAnnotation() instanceof Digits;
	}

}
