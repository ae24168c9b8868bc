package io.storefront.web.problem;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;

/**
 * Names the JSON field a binding error is about, as the client wrote it:
 * {@code items[2].quantity}.
 */
final class JsonPaths {

	private JsonPaths() {
	}

	/** The field path, or {@code null} when the error is not about one field. */
	static String of(JacksonException ex) {
		StringBuilder rendered = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!rendered.isEmpty()) {
					rendered.append('.');
				}
				rendered.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				rendered.append('[').append(reference.getIndex()).append(']');
			}
		}
		if (!rendered.isEmpty()) {
			return rendered.toString();
		}
		// A number too large for its type fails in the parser, before any path is
		// recorded.
		if (ex.processor() instanceof JsonParser parser && parser.currentName() != null) {
			return parser.currentName();
		}
		return null;
	}

}
