package io.storefront.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The overlays a user deploys, each rendered once per test run. */
final class Overlays {

	static final List<String> NAMES = List.of("dev", "prod");

	private static final Map<String, RenderedOverlay> RENDERED = new ConcurrentHashMap<>();

	private Overlays() {
	}

	static RenderedOverlay rendered(String name) {
		return RENDERED.computeIfAbsent(name,
				(overlay) -> RenderedOverlay.render(overlayPath(Repository.kubernetes(), overlay)));
	}

	static Path overlayPath(Path kubernetes, String name) {
		return kubernetes.resolve("overlays").resolve(name);
	}

}
