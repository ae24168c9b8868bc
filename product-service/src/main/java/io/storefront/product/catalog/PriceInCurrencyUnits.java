package io.storefront.product.catalog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * A product's price has no more decimals than its currency's minor unit: 12.50 is a price
 * in USD but not in JPY, which has no minor unit. Reported on {@code price}. A price or
 * currency that fails its own constraints (more than two decimals, an unknown code) is
 * left to them.
 */
@Documented
@Constraint(validatedBy = PriceInCurrencyUnits.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface PriceInCurrencyUnits {

	String message() default "must have at most {decimals} decimals in {currency}";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<PriceInCurrencyUnits, ProductRequest> {

		@Override
		public boolean isValid(ProductRequest product, ConstraintValidatorContext context) {
			if (product.price() == null || !IsoCurrency.Validator.isCode(product.currency())) {
				return true;
			}
			int decimals = Currency.getInstance(product.currency()).getDefaultFractionDigits();
			int scale = product.price().stripTrailingZeros().scale();
			if (scale <= decimals || scale > 2) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			context.unwrap(HibernateConstraintValidatorContext.class)
				.addMessageParameter("decimals", decimals)
				.addMessageParameter("currency", product.currency())
				.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
				.addPropertyNode("price")
				.addConstraintViolation();
			return false;
		}

	}

}
