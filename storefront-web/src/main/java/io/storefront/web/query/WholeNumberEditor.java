package io.storefront.web.query;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Binds a path variable or request parameter to a whole number written in decimal ASCII
 * digits, as JSON writes it. Spring's own conversion also reads {@code 0x10}, {@code #10}
 * and other scripts' digits as 16, 16 and 1, so one product would answer at many URLs and
 * a check made on the text by a proxy could be bypassed. A refusal is a type mismatch
 * naming the parameter (422).
 */
public final class WholeNumberEditor extends PropertyEditorSupport {

	private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

	private final Function<String, Number> parse;

	private WholeNumberEditor(Function<String, Number> parse) {
		this.parse = parse;
	}

	public static WholeNumberEditor forLong() {
		return new WholeNumberEditor(Long::valueOf);
	}

	public static WholeNumberEditor forInteger() {
		return new WholeNumberEditor(Integer::valueOf);
	}

	@Override
	public void setAsText(String text) {
		if (text == null || text.isEmpty()) {
			setValue(null);
			return;
		}
		if (!DECIMAL.matcher(text).matches()) {
			throw new IllegalArgumentException("not a decimal whole number");
		}
		setValue(this.parse.apply(text));
	}

}
