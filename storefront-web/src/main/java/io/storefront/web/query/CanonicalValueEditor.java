package io.storefront.web.query;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Binds a path variable or request parameter to a whole number or UUID only when it is
 * written in its one canonical form: decimal ASCII digits as JSON writes them (no leading
 * zero, no {@code -0}), or the 8-4-4-4-12 hexadecimal UUID (its digits in either case, as
 * RFC 9562 reads them). Spring's own conversion also reads {@code 0x10}, {@code #10},
 * {@code 016} and other scripts' digits as 16, 16, 16 and 1, and {@link UUID#fromString}
 * reads {@code 1-2-3-4-5}, so one resource would answer at many URLs and a check made on
 * the text by a proxy could be bypassed. A refusal is a type mismatch naming the
 * parameter (422); a number in canonical form that the type cannot hold is refused as
 * {@link NumberOutOfRangeException}, naming the bound it passed.
 */
public final class CanonicalValueEditor extends PropertyEditorSupport {

	private static final Pattern DECIMAL = Pattern.compile("0|-?[1-9][0-9]*");

	private static final Pattern UUID_FORM = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private final Pattern form;

	private final Function<String, Object> parse;

	private final Number min;

	private final Number max;

	private CanonicalValueEditor(Pattern form, Function<String, Object> parse, Number min, Number max) {
		this.form = form;
		this.parse = parse;
		this.min = min;
		this.max = max;
	}

	public static CanonicalValueEditor forLong() {
		return new CanonicalValueEditor(DECIMAL, Long::valueOf, Long.MIN_VALUE, Long.MAX_VALUE);
	}

	public static CanonicalValueEditor forInteger() {
		return new CanonicalValueEditor(DECIMAL, Integer::valueOf, Integer.MIN_VALUE, Integer.MAX_VALUE);
	}

	public static CanonicalValueEditor forUuid() {
		return new CanonicalValueEditor(UUID_FORM, UUID::fromString, null, null);
	}

	@Override
	public void setAsText(String text) {
		if (text == null || text.isEmpty()) {
			setValue(null);
			return;
		}
		if (!this.form.matcher(text).matches()) {
			throw new IllegalArgumentException("not in canonical form");
		}
		try {
			setValue(this.parse.apply(text));
		}
		catch (NumberFormatException ex) {
			// Digits in canonical form fail to parse only when the type cannot hold them.
			boolean negative = text.startsWith("-");
			throw new NumberOutOfRangeException(!negative, negative ? this.min : this.max);
		}
	}

}
