package io.storefront.web.memory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM that keeps some memory live, grows its heap in a burst, then idles: prints the
 * committed heap in MiB after the burst and again after idling, with
 * {@link IdleHeapReturn} on or off. Arguments: how long to idle (ms), after how long idle
 * the heap is returned (ms; 0 turns it off), how much stays live (MiB) and how much the
 * burst allocates (MiB).
 */
public final class BurstThenIdle {

	private static List<byte[]> live = new ArrayList<>();

	private static List<byte[]> burst = new ArrayList<>();

	private BurstThenIdle() {
	}

	public static void main(String[] args) throws Exception {
		IdleHeapReturn idleHeapReturn = IdleHeapReturn.ofThisJvm(Duration.ofMillis(Long.parseLong(args[1])));
		idleHeapReturn.start();
		for (int i = 0; i < Integer.parseInt(args[2]); i++) {
			live.add(new byte[1024 * 1024]);
		}
		for (int i = 0; i < Integer.parseInt(args[3]); i++) {
			burst.add(new byte[1024 * 1024]);
		}
		burst = null; // garbage now, but nothing allocates, so nothing collects it
		System.out.println("after-burst " + committedMib());
		Thread.sleep(Long.parseLong(args[0]));
		System.out.println("after-idle " + committedMib());
		System.out.println("live " + live.size());
		idleHeapReturn.close();
	}

	private static long committedMib() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024 * 1024);
	}

}
