package io.storefront.web.testing.generated;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;

/**
 * jqwik generators for what clients get wrong, as JSON text (so that a key can appear
 * twice and a lone surrogate can be sent as the {@code \ud800} escape) and as parameter
 * text: values of the declared schema, now and then broken (a field missing or doubled,
 * an unknown one added, a wrong type), and values of no schema at all (any JSON type, any
 * unicode, control characters, huge and negative numbers, deep nesting).
 */
final class BadInputs {

	/** Strings that break code written for friendlier ones. */
	private static final List<String> NASTY = List.of("\u0000", "a\u0000b", "\ud800", "x\udfffy", "\ud83d\ude00",
			"\uffff", "\u202e", "\t", "\r\n", "\u007f", "\u0085", "'; DROP TABLE users;--", "%00", "../../etc/passwd",
			"${jndi:ldap://127.0.0.1/x}", "\\", "\"", "null", "-1", "0", "1e999", "NaN", " ", "");

	private static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483649",
			"9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999999",
			"1.5", "-0.001", "19.999", "1e3", "1E-7", "1e999", "-1e999", "0.0000000000000000000000001");

	private BadInputs() {
	}

	static Arbitrary<String> anyText() {
		return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.strings().ascii().ofMaxLength(24)),
				Tuple.of(3, Arbitraries.strings().all().ofMaxLength(24)), Tuple.of(3, Arbitraries.of(NASTY)),
				Tuple.of(2,
						Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), Arbitraries.of(NASTY))
							.as((prefix, nasty) -> prefix + nasty)),
				Tuple.of(1, Arbitraries.integers().between(200, 6000).map((length) -> "x".repeat(length))));
	}

	static Arbitrary<String> anyNumber() {
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(NUMBERS)),
				Tuple.of(2, Arbitraries.integers().between(-5, 1100).map(String::valueOf)),
				Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
				Tuple.of(1,
						Arbitraries.bigIntegers()
							.between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
							.map(String::valueOf)),
				Tuple.of(1,
						Arbitraries.doubles()
							.map(String::valueOf)
							.filter((text) -> !text.contains("N") && !text.contains("I"))));
	}

	/** Any JSON value, of any type, nested up to {@code depth}. */
	static Arbitrary<String> anyJson(int depth) {
		List<Tuple.Tuple2<Integer, Arbitrary<? extends String>>> choices = new ArrayList<>();
		choices.add(Tuple.of(2, anyText().map(BadInputs::quoted)));
		choices.add(Tuple.of(2, anyNumber()));
		choices.add(Tuple.of(1, Arbitraries.of("true", "false", "null")));
		choices.add(Tuple.of(1, Arbitraries.integers().between(100, 3000).map(BadInputs::deeplyNested)));
		if (depth > 0) {
			choices.add(Tuple.of(1, anyJson(depth - 1).list().ofMaxSize(4).map(BadInputs::array)));
			choices.add(Tuple.of(1,
					Combinators.combine(anyText(), anyJson(depth - 1))
						.as(BadInputs::member)
						.list()
						.ofMaxSize(4)
						.map(BadInputs::object)));
		}
		return frequencyOf(choices);
	}

	/**
	 * A value for {@code schema}: usually of its declared type and limits, now and then
	 * anything at all.
	 */
	static Arbitrary<String> json(JsonNode document, JsonNode schema, int depth) {
		return Arbitraries.frequencyOf(Tuple.of(3, declared(document, schema, depth)), Tuple.of(1, anyJson(1)));
	}

	/**
	 * The text of a query, path or header parameter of {@code schema}, or anything at
	 * all.
	 */
	static Arbitrary<String> parameter(JsonNode document, JsonNode schema) {
		JsonNode resolved = ApiDescription.resolve(document, schema);
		String type = type(resolved);
		Arbitrary<String> declared = switch (type) {
			case "integer", "number" ->
				Arbitraries.frequencyOf(Tuple.of(3, inRange(resolved)), Tuple.of(1, anyNumber()));
			case "boolean" -> Arbitraries.of("true", "false");
			default -> formatted(resolved).orElse(anyText());
		};
		return Arbitraries.frequencyOf(Tuple.of(3, declared), Tuple.of(1, anyText()), Tuple.of(1, anyNumber()));
	}

	private static Arbitrary<String> declared(JsonNode document, JsonNode schema, int depth) {
		JsonNode resolved = ApiDescription.resolve(document, schema);
		if (resolved == null || resolved.isMissingNode()) {
			return anyJson(1);
		}
		for (String composite : List.of("allOf", "oneOf", "anyOf")) {
			if (resolved.path(composite).size() > 0) {
				return json(document, resolved.path(composite).get(0), depth);
			}
		}
		if (resolved.path("enum").size() > 0) {
			List<String> values = new ArrayList<>();
			resolved.path("enum").forEach((value) -> values.add(value.toString()));
			return Arbitraries.of(values);
		}
		return switch (type(resolved)) {
			case "object" -> (depth > 0) ? object(document, resolved, depth - 1) : anyJson(0);
			case "array" -> (depth > 0)
					? json(document, resolved.path("items"), depth - 1).list().ofMaxSize(4).map(BadInputs::array)
					: Arbitraries.just("[]");
			case "integer", "number" -> inRange(resolved);
			case "boolean" -> Arbitraries.of("true", "false");
			case "string" -> formatted(resolved).orElse(anyText()).map(BadInputs::quoted);
			default -> anyJson(1);
		};
	}

	/**
	 * The declared properties, each present once, missing or twice, then maybe unknown
	 * ones.
	 */
	private static Arbitrary<String> object(JsonNode document, JsonNode schema, int depth) {
		List<Arbitrary<List<String>>> members = new ArrayList<>();
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			Arbitrary<String> member = json(document, property.getValue(), depth)
				.map((value) -> member(property.getKey(), value));
			members.add(Arbitraries.frequencyOf(Tuple.of(12, member.map(List::of)),
					Tuple.of(2, Arbitraries.just(List.<String>of())),
					Tuple.of(1, Combinators.combine(member, member).as(List::of))));
		}
		members.add(Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(List.<String>of())), Tuple.of(1,
				Combinators.combine(anyText(), anyJson(1)).as(BadInputs::member).list().ofMinSize(1).ofMaxSize(2))));
		return Combinators.combine(members).as((lists) -> {
			List<String> all = new ArrayList<>();
			lists.forEach(all::addAll);
			return object(all);
		});
	}

	private static Arbitrary<String> inRange(JsonNode schema) {
		long min = schema.has("minimum") ? schema.get("minimum").asLong() : -10;
		long max = schema.has("maximum") ? schema.get("maximum").asLong() : 1000;
		if (min > max) {
			return anyNumber();
		}
		Arbitrary<String> whole = Arbitraries.longs().between(min, max).map(String::valueOf);
		if (type(schema).equals("number")) {
			return Arbitraries.oneOf(whole, whole.map((value) -> value + ".5"), whole.map((value) -> value + ".25"));
		}
		return whole;
	}

	private static java.util.Optional<Arbitrary<String>> formatted(JsonNode schema) {
		String format = schema.path("format").asString("");
		return switch (format) {
			case "email" -> java.util.Optional.of(Arbitraries.strings()
				.alpha()
				.numeric()
				.ofMinLength(1)
				.ofMaxLength(12)
				.map((local) -> local.toLowerCase(java.util.Locale.ROOT) + "@example.com"));
			case "uuid" -> java.util.Optional.of(Arbitraries.create(java.util.UUID::randomUUID).map(String::valueOf));
			case "password" -> java.util.Optional.of(Arbitraries.strings().ascii().ofMinLength(0).ofMaxLength(80));
			default -> java.util.Optional.empty();
		};
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray() && type.size() > 0) {
			type = type.get(0);
		}
		if (type.isString()) {
			return type.asString();
		}
		return schema.has("properties") ? "object" : "";
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Arbitrary<String> frequencyOf(List<Tuple.Tuple2<Integer, Arbitrary<? extends String>>> choices) {
		return Arbitraries.frequencyOf(choices.toArray(new Tuple.Tuple2[0]));
	}

	static String member(String key, String value) {
		return quoted(key) + ":" + value;
	}

	static String object(List<String> members) {
		return "{" + String.join(",", members) + "}";
	}

	static String array(List<String> values) {
		return "[" + String.join(",", values) + "]";
	}

	static String deeplyNested(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	/**
	 * {@code text} as a JSON string. Control characters and every surrogate are written
	 * as {@code \}{@code uXXXX} escapes: the body stays valid UTF-8, and a lone surrogate
	 * reaches the parser as JSON allows it.
	 */
	static String quoted(String text) {
		StringBuilder json = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

}
