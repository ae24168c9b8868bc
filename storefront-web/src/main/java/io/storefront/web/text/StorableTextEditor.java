package io.storefront.web.text;

import java.beans.PropertyEditorSupport;

/**
 * Binds request parameters, path variables and headers that are read as text, refusing
 * one that is not {@link StorableText storable}; Spring MVC turns the refusal into a type
 * mismatch naming the parameter.
 */
public final class StorableTextEditor extends PropertyEditorSupport {

	@Override
	public void setAsText(String text) {
		if (text != null && !StorableText.isStorable(text)) {
			throw new UnstorableTextParameterException();
		}
		setValue(text);
	}

	/** A parameter that cannot be stored; the value is not kept. */
	public static final class UnstorableTextParameterException extends IllegalArgumentException {

		UnstorableTextParameterException() {
			super("text " + StorableText.MESSAGE);
		}

	}

}
