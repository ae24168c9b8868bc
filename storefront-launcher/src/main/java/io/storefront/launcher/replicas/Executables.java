package io.storefront.launcher.replicas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.storefront.launcher.LauncherException;

/**
 * Finds the programs {@code up --replicas} runs beside the services: Debian puts them in
 * {@code /usr/sbin}.
 */
final class Executables {

	private Executables() {
	}

	/**
	 * @param program the executable's name
	 * @param debianPackage the package that installs it
	 * @param folders where to look, in order
	 * @throws LauncherException naming the package when it is not installed
	 */
	static Path require(String program, String debianPackage, List<String> folders) {
		return folders.stream()
			.map((folder) -> Path.of(folder, program))
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new LauncherException("--replicas above 1 needs " + program + ", which is not installed"
					+ " (looked in " + String.join(", ", folders) + "); install Debian's package: apt-get install "
					+ debianPackage));
	}

	/**
	 * {@code /usr/sbin} and {@code /usr/bin} (where a user's {@code PATH} may not lead),
	 * then {@code path}.
	 */
	static List<String> searchPath(String path) {
		List<String> folders = new ArrayList<>(List.of("/usr/sbin", "/usr/bin"));
		if (path != null) {
			for (String folder : path.split(":")) {
				if (!folder.isBlank() && !folders.contains(folder)) {
					folders.add(folder);
				}
			}
		}
		return folders;
	}

}
