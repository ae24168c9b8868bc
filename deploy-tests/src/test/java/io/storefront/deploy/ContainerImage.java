package io.storefront.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code deploy/container/Dockerfile} tells the container engine, for one service:
 * the jar it copies, the user, the environment and the entry point. Only the instructions
 * that file uses are understood; anything else fails, so that a new instruction gets a
 * check too.
 *
 * @param source the jar copied into the image, relative to the build context (the
 * repository)
 */
record ContainerImage(String source, String target, String user, Map<String, String> environment,
		List<String> entrypoint) {

	static final Path DOCKERFILE = Path.of("deploy/container/Dockerfile");

	private static final Pattern ARGUMENT = Pattern.compile("\\$\\{(\\w+)}");

	static ContainerImage of(String service) {
		Map<String, String> arguments = new LinkedHashMap<>();
		arguments.put("SERVICE", service);
		String source = null;
		String target = null;
		String user = null;
		Map<String, String> environment = new LinkedHashMap<>();
		List<String> entrypoint = null;
		for (String line : instructions(Repository.root().resolve(DOCKERFILE))) {
			String[] parts = line.split("\\s+", 2);
			String instruction = parts[0].toUpperCase(java.util.Locale.ROOT);
			String rest = (parts.length > 1) ? parts[1].strip() : "";
			switch (instruction) {
				case "ARG" -> {
					String[] definition = rest.split("=", 2);
					arguments.putIfAbsent(definition[0], (definition.length > 1) ? definition[1] : "");
				}
				case "FROM", "WORKDIR" -> {
				}
				case "ENV" -> {
					String[] definition = rest.split("=", 2);
					environment.put(definition[0], expand(definition[1], arguments));
				}
				case "COPY" -> {
					String[] paths = expand(rest, arguments).split("\\s+");
					if (paths.length != 2) {
						throw new IllegalStateException(
								"COPY with options or several sources is not understood: " + line);
					}
					source = paths[0];
					target = paths[1];
				}
				case "USER" -> user = rest;
				case "ENTRYPOINT" -> entrypoint = new JsonMapper().readValue(rest, new TypeReference<List<String>>() {
				});
				default -> throw new IllegalStateException("instruction not understood by the checks: " + line);
			}
		}
		return new ContainerImage(source, target, user, Map.copyOf(environment), entrypoint);
	}

	/** The numeric user id, or -1 when the user is not numeric. */
	long userId() {
		String id = this.user.split(":", 2)[0];
		return id.matches("\\d+") ? Long.parseLong(id) : -1;
	}

	/** The largest heap the entry point allows, in bytes ({@code -Xmx}). */
	long maximumHeapBytes() {
		return this.entrypoint.stream()
			.filter((option) -> option.startsWith("-Xmx"))
			.reduce((first, second) -> second)
			.map((option) -> Quantities.javaSize(option.substring(4)))
			.orElseThrow(() -> new IllegalStateException("no -Xmx in the entry point " + this.entrypoint));
	}

	private static List<String> instructions(Path dockerfile) {
		List<String> lines;
		try {
			lines = Files.readAllLines(dockerfile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : lines) {
			String text = line.strip();
			if (text.isEmpty() || text.startsWith("#")) {
				continue;
			}
			if (text.endsWith("\\")) {
				current.append(text, 0, text.length() - 1).append(' ');
				continue;
			}
			instructions.add(current.append(text).toString());
			current.setLength(0);
		}
		return instructions;
	}

	private static String expand(String text, Map<String, String> arguments) {
		Matcher matcher = ARGUMENT.matcher(text);
		StringBuilder expanded = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(expanded, Matcher.quoteReplacement(arguments.getOrDefault(matcher.group(1), "")));
		}
		return matcher.appendTail(expanded).toString();
	}

}
