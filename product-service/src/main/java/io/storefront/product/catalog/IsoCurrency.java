package io.storefront.product.catalog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An ISO 4217 code of a currency money is counted in ({@code USD}, {@code EUR},
 * {@code JPY}); {@code null} is left to {@code @NotNull}. Codes without a minor unit are
 * refused: no currency ({@code XXX}), the testing code ({@code XTS}), precious metals
 * ({@code XAU}) and units of account ({@code XDR}).
 */
@Documented
@Constraint(validatedBy = IsoCurrency.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@interface IsoCurrency {

	String message() default "must be the ISO 4217 code of a currency, 3 upper-case letters such as USD (not XXX, XTS or a metal)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<IsoCurrency, String> {

		private static final Set<String> CODES = Currency.getAvailableCurrencies()
			.stream()
			.filter((currency) -> currency.getDefaultFractionDigits() >= 0)
			.map(Currency::getCurrencyCode)
			.filter((code) -> code.matches("[A-Z]{3}"))
			.collect(Collectors.toUnmodifiableSet());

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || isCode(value);
		}

		static boolean isCode(String value) {
			return value != null && CODES.contains(value);
		}

	}

}
