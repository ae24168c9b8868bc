package io.storefront.web.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real JVM with the services' heap flags: after a burst, the heap stays grown unless
 * {@link IdleHeapReturn} collects once the JVM is idle, and then the JVM gives it back.
 */
class IdleHeapReturnInAJvmTests {

	/**
	 * The heap flags the launcher, the container image and the manifests give services.
	 */
	private static final List<String> SERVICE_HEAP_FLAGS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
			"-XX:-ShrinkHeapInSteps", "-XX:MaxHeapFreeRatio=40");

	@Test
	void theHeapABurstGrewIsGivenBackOnceIdle() throws Exception {
		Map<String, Long> on = run(500, 0, 160);

		assertThat(on.get("after-burst")).as("the burst grew the heap").isGreaterThan(150);
		assertThat(on.get("after-idle")).isLessThan(100);
	}

	@Test
	void withoutItTheHeapStaysGrown() throws Exception {
		Map<String, Long> off = run(0, 0, 160);

		assertThat(off.get("after-idle")).isGreaterThan(150);
	}

	/**
	 * The services' flags keep 40 % of the heap free after a collection, for the load;
	 * the idle collection keeps at most 10 % (with 50 MiB live: ~124 MiB committed with
	 * 40 %, ~82 with 10 %, young generation included).
	 */
	@Test
	void onceIdleTheHeapKeepsLittleRoomAboveWhatIsLive() throws Exception {
		Map<String, Long> on = run(500, 50, 100);

		assertThat(on.get("after-burst")).as("the burst grew the heap").isGreaterThan(150);
		assertThat(on.get("after-idle")).isLessThan(100);
	}

	private static Map<String, Long> run(long idleAfterMillis, int liveMib, int burstMib)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(SERVICE_HEAP_FLAGS);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), BurstThenIdle.class.getName(), "3000",
				Long.toString(idleAfterMillis), Integer.toString(liveMib), Integer.toString(burstMib)));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		Map<String, Long> committed = new HashMap<>();
		output.lines()
			.map((line) -> line.split(" "))
			.filter((words) -> words.length == 2 && words[0].startsWith("after-"))
			.forEach((words) -> committed.put(words[0], Long.parseLong(words[1])));
		assertThat(committed).as(output).containsKeys("after-burst", "after-idle");
		return committed;
	}

}
