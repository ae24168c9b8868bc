package io.storefront.web.memory;

import java.lang.management.ManagementFactory;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdleCollectionTests {

	private final HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

	@Test
	void theJvmsOwnFreeRatiosAreBackAfterTheCollection() {
		String minFree = this.hotSpot.getVMOption("MinHeapFreeRatio").getValue();
		String maxFree = this.hotSpot.getVMOption("MaxHeapFreeRatio").getValue();

		IdleCollection.run();

		assertThat(this.hotSpot.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo(minFree);
		assertThat(this.hotSpot.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo(maxFree);
	}

}
