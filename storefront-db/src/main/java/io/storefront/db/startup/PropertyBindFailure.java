package io.storefront.db.startup;

import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.core.convert.ConversionException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import io.storefront.db.cause.CauseChain;
import io.storefront.db.config.InvalidSettingException;

/**
 * A {@code @ConfigurationProperties} value the binder refused, in the words of an
 * {@link InvalidSettingException}: one line naming the property and what it must be. The
 * value itself is never quoted, so a secret bound by mistake is not logged.
 */
final class PropertyBindFailure {

	private PropertyBindFailure() {
	}

	static Optional<String> describe(Throwable failure) {
		return CauseChain.find(failure, BindException.class).map(PropertyBindFailure::describe);
	}

	private static String describe(BindException failure) {
		Optional<BindValidationException> invalid = CauseChain.find(failure, BindValidationException.class);
		if (invalid.isPresent()) {
			ValidationErrors errors = invalid.get().getValidationErrors();
			return errors.getAllErrors()
				.stream()
				.map((error) -> message(property(errors, error), error.getDefaultMessage()))
				.collect(Collectors.joining("; "));
		}
		if (CauseChain.contains(failure, ConversionException.class)) {
			return message(failure.getName().toString(),
					"cannot be read as " + failure.getTarget().getType().resolve(Object.class).getSimpleName());
		}
		Throwable refusal = CauseChain.of(failure).reduce((outer, inner) -> inner).orElse(failure);
		return message(failure.getName().toString(), "is refused: " + refusal.getMessage());
	}

	private static String property(ValidationErrors errors, ObjectError error) {
		String prefix = errors.getName().toString();
		return (error instanceof FieldError field)
				? prefix + "." + DataObjectPropertyName.toDashedForm(field.getField()) : prefix;
	}

	private static String message(String property, String problem) {
		return new InvalidSettingException(property, problem).getMessage();
	}

}
