package io.storefront.web.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;

/**
 * {@link Size} on a {@code String}, counted in characters (Unicode code points), as the
 * API description's {@code minLength}/{@code maxLength} and the database's
 * {@code char_length} checks count. Hibernate Validator's own validator counts UTF-16
 * units, so 101 emoji were "longer than 200". Registered for {@code String} beside the
 * built-in ones, which keep every other type.
 */
public final class SizeInCharacters implements ConstraintValidator<Size, String> {

	private int min;

	private int max;

	@Override
	public void initialize(Size size) {
		this.min = size.min();
		this.max = size.max();
	}

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		int characters = value.codePointCount(0, value.length());
		return characters >= this.min && characters <= this.max;
	}

}
