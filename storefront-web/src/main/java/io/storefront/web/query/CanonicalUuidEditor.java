package io.storefront.web.query;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Binds a path variable or request parameter to a UUID only in its canonical 8-4-4-4-12
 * hexadecimal form. {@link UUID#fromString} also reads {@code 1-2-3-4-5}, so one account
 * would answer at many URLs. A refusal is a type mismatch naming the parameter (422).
 */
public final class CanonicalUuidEditor extends PropertyEditorSupport {

	private static final Pattern CANONICAL = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	@Override
	public void setAsText(String text) {
		if (text == null || text.isEmpty()) {
			setValue(null);
			return;
		}
		if (!CANONICAL.matcher(text).matches()) {
			throw new IllegalArgumentException("not a UUID in 8-4-4-4-12 form");
		}
		setValue(UUID.fromString(text));
	}

}
