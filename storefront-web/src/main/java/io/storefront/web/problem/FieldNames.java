package io.storefront.web.problem;

/**
 * The API's JSON is snake_case; Java property paths are turned into the names clients
 * send.
 */
final class FieldNames {

	private FieldNames() {
	}

	static String toJson(String javaPath) {
		StringBuilder json = new StringBuilder(javaPath.length() + 8);
		for (int i = 0; i < javaPath.length(); i++) {
			char c = javaPath.charAt(i);
			if (Character.isUpperCase(c)) {
				if (i > 0 && javaPath.charAt(i - 1) != '.') {
					json.append('_');
				}
				json.append(Character.toLowerCase(c));
			}
			else {
				json.append(c);
			}
		}
		return json.toString();
	}

}
