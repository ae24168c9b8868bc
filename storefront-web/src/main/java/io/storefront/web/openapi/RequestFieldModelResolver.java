package io.storefront.web.openapi;

import java.lang.annotation.Annotation;
import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * swagger-core applies {@code @Size} after {@code @NotBlank}, so a field written
 * {@code @NotBlank @Size(max = 512)} was published with {@code minLength: 0}, although
 * the empty string is refused. Writing {@code @Size(min = 1, …)} as well made an empty
 * value fail twice, and the 422 named the field with two messages for one mistake. With
 * this resolver {@code @NotBlank} (or {@code @NotEmpty}) alone is enough for
 * {@code minLength: 1}, and so is a {@code @Pattern} that refuses the empty string (a
 * product's name): beside it, {@code @Size(min = 1)} too made {@code ""} fail twice.
 */
class RequestFieldModelResolver extends ModelResolver {

	RequestFieldModelResolver(ObjectMapper mapper) {
		super(mapper);
	}

	@Override
	protected boolean applyBeanValidatorAnnotations(Schema property, Annotation[] annotations, Schema parent,
			boolean applyNotNullAnnotations) {
		boolean applied = super.applyBeanValidatorAnnotations(property, annotations, parent, applyNotNullAnnotations);
		if (property != null && "string".equals(property.getType()) && notEmpty(annotations)
				&& (property.getMinLength() == null || property.getMinLength() < 1)) {
			property.setMinLength(1);
		}
		return applied;
	}

	private static boolean notEmpty(Annotation[] annotations) {
		return annotations != null && Arrays.stream(annotations)
			.anyMatch((annotation) -> annotation instanceof NotBlank || annotation instanceof NotEmpty
					|| annotation instanceof Pattern pattern && refusesEmpty(pattern));
	}

	private static boolean refusesEmpty(Pattern pattern) {
		int flags = 0;
		for (Pattern.Flag flag : pattern.flags()) {
			flags |= flag.getValue();
		}
		return !java.util.regex.Pattern.compile(pattern.regexp(), flags).matcher("").matches();
	}

}
