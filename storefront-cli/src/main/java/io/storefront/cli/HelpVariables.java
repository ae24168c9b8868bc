package io.storefront.cli;

import java.util.ListResourceBundle;
import java.util.Map;

/**
 * Words a tool's help texts take as picocli's {@code ${bundle:KEY}}, for what an
 * annotation cannot spell as a constant: the services of {@link ServiceWords}. Keys hold
 * a dot, so that none is taken for an option's description (picocli looks an option's up
 * by its name, e.g. {@code replicas}).
 */
public final class HelpVariables extends ListResourceBundle {

	private final Object[][] contents;

	public HelpVariables(Map<String, String> words) {
		this.contents = words.entrySet()
			.stream()
			.map((word) -> new Object[] { word.getKey(), word.getValue() })
			.toArray(Object[][]::new);
	}

	@Override
	protected Object[][] getContents() {
		return this.contents;
	}

}
