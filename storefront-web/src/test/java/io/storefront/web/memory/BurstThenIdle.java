package io.storefront.web.memory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM that grows its heap in a burst, then idles: prints the committed heap in MiB
 * after the burst and again after idling for the time given (in ms) as the first
 * argument, with {@link IdleHeapReturn} on after the second (0 turns it off).
 */
public final class BurstThenIdle {

	private static List<byte[]> burst = new ArrayList<>();

	private BurstThenIdle() {
	}

	public static void main(String[] args) throws Exception {
		IdleHeapReturn idleHeapReturn = IdleHeapReturn.ofThisJvm(Duration.ofMillis(Long.parseLong(args[1])));
		idleHeapReturn.start();
		for (int i = 0; i < 160; i++) {
			burst.add(new byte[1024 * 1024]);
		}
		burst = null; // garbage now, but nothing allocates, so nothing collects it
		System.out.println("after-burst " + committedMib());
		Thread.sleep(Long.parseLong(args[0]));
		System.out.println("after-idle " + committedMib());
		idleHeapReturn.close();
	}

	private static long committedMib() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024 * 1024);
	}

}
