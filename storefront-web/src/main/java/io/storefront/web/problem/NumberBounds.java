package io.storefront.web.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The bound worth naming for a whole number its type cannot hold, in a query parameter, a
 * path variable or a body field alike: the value's own {@code @Max}, {@code @Min} or
 * {@code @Positive} where it has one, in the words of
 * {@code ValidationMessages.properties} (a quantity of 3000000000 is told what 1001 is),
 * else the type's.
 */
final class NumberBounds {

	private NumberBounds() {
	}

	/**
	 * What to tell a client whose number passed {@code typeBound}.
	 * @param constrained the parameter or field the number was for, with its constraints;
	 * {@code null} when it is not known
	 * @param tooLarge above the type's maximum, rather than below its minimum
	 * @param typeBound the type's maximum or minimum
	 */
	static String passed(AnnotatedElement constrained, boolean tooLarge, Number typeBound) {
		if (tooLarge) {
			Max max = annotation(constrained, Max.class);
			return "must be at most " + ((max != null) ? max.value() : typeBound);
		}
		Min min = annotation(constrained, Min.class);
		if (min != null) {
			return "must be at least " + min.value();
		}
		if (annotation(constrained, Positive.class) != null) {
			return "must be more than 0";
		}
		if (annotation(constrained, PositiveOrZero.class) != null) {
			return "must be at least 0";
		}
		return "must be at least " + typeBound;
	}

	private static <A extends Annotation> A annotation(AnnotatedElement constrained, Class<A> type) {
		return (constrained != null) ? constrained.getAnnotation(type) : null;
	}

	/** The maximum or minimum of a whole-number type; empty for any other type. */
	static Optional<Number> ofType(Class<?> type, boolean tooLarge) {
		if (type == int.class || type == Integer.class) {
			return Optional.of(tooLarge ? Integer.MAX_VALUE : Integer.MIN_VALUE);
		}
		if (type == long.class || type == Long.class) {
			return Optional.of(tooLarge ? Long.MAX_VALUE : Long.MIN_VALUE);
		}
		return Optional.empty();
	}

	/**
	 * The accessor of the request body's top-level field of this JSON name, which carries
	 * the record component's constraints; empty when the handler takes no record body or
	 * the record has no such field.
	 */
	static Optional<AnnotatedElement> bodyField(WebRequest request, String jsonName) {
		if (!(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST) instanceof HandlerMethod handler)) {
			return Optional.empty();
		}
		return Arrays.stream(handler.getMethodParameters())
			.filter((parameter) -> parameter.hasParameterAnnotation(RequestBody.class))
			.map((parameter) -> parameter.getParameterType().getRecordComponents())
			.filter((components) -> components != null)
			.flatMap(Arrays::stream)
			.filter((component) -> FieldNames.toJson(component.getName()).equals(jsonName))
			.findFirst()
			.map(RecordComponent::getAccessor);
	}

}
