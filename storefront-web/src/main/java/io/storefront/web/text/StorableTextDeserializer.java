package io.storefront.web.text;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads every JSON string of a request body as Jackson does, then refuses one that is not
 * {@link StorableText storable}: the error carries the field's path, so the answer is a
 * 422 naming it.
 */
public final class StorableTextDeserializer extends StdScalarDeserializer<String> {

	StorableTextDeserializer() {
		super(String.class);
	}

	/**
	 * A module that reads every {@code String} of a request body through this
	 * deserializer.
	 */
	public static SimpleModule module() {
		return new SimpleModule("storefront-storable-text").addDeserializer(String.class,
				new StorableTextDeserializer());
	}

	@Override
	public String deserialize(JsonParser parser, DeserializationContext context) {
		String value = StringDeserializer.instance.deserialize(parser, context);
		if (value != null && !StorableText.isStorable(value)) {
			throw new UnstorableTextException(parser);
		}
		return value;
	}

	@Override
	public Object getEmptyValue(DeserializationContext context) {
		return StringDeserializer.instance.getEmptyValue(context);
	}

	@Override
	public boolean isCachable() {
		return true;
	}

	/**
	 * A JSON string that cannot be stored. The value is not kept: it may be a password.
	 */
	public static final class UnstorableTextException extends InvalidFormatException {

		UnstorableTextException(JsonParser parser) {
			super(parser, "text " + StorableText.MESSAGE, null, String.class);
		}

	}

}
