package io.storefront.web.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;

import io.storefront.web.text.StorableTextDeserializer;

/**
 * Request bodies must use the JSON types the API declares: {@code "5"}, {@code 2.5} or
 * {@code true} for a whole-number field, {@code "19.90"} for a price, and a number or
 * boolean for a text field ({@code "password": 12345678}) are wrong types (422 naming the
 * field), not values to coerce silently ({@code "stock": 1.5} would otherwise be cut to
 * 1). A body with a key twice is malformed (400): two parsers could read it differently
 * (the first or the last value wins), so a check made by one could be bypassed in the
 * other. A string PostgreSQL cannot store is refused (422 naming the field, see
 * {@link StorableTextDeserializer}).
 */
public final class StrictJsonInput {

	private StrictJsonInput() {
	}

	public static JsonMapperBuilderCustomizer customizer() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.addModule(StorableTextDeserializer.module())
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.withCoercionConfig(LogicalType.Integer,
					(coercion) -> coercion.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Float,
					(coercion) -> coercion.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Textual,
					(coercion) -> coercion.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
