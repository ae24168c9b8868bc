package io.storefront.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicasTests {

	@Test
	void aWholeNumberInRangeIsTheCount() {
		assertThat(Replicas.parse("1")).isEqualTo(1);
		assertThat(Replicas.parse("--replicas", "9", 9)).isEqualTo(9);
		assertThat(Replicas.parse("1000")).isEqualTo(Replicas.MAXIMUM);
	}

	@Test
	void anythingElseIsOneUsageLineSayingTheRange() {
		for (String bad : new String[] { "0", "-1", "abc", "2.5", "1001", "30000000", "9999999999" }) {
			assertThatThrownBy(() -> Replicas.parse(bad)).as(bad)
				.isInstanceOf(UsageException.class)
				.hasMessage("--replicas must be a whole number from 1 to 1000 (got \"" + bad + "\")");
		}
		assertThatThrownBy(() -> Replicas.parse("--replicas", "10", 9)).isInstanceOf(UsageException.class)
			.hasMessage("--replicas must be a whole number from 1 to 9 (got \"10\")");
		assertThatThrownBy(() -> Replicas.parse("STOREFRONT_REPLICAS", "0", 9)).isInstanceOf(UsageException.class)
			.hasMessage("STOREFRONT_REPLICAS must be a whole number from 1 to 9 (got \"0\")");
	}

	@Test
	void theRefusedValueIsQuotedAsTheServicesQuoteOneSoNothingOrSpacesShow() {
		assertThatThrownBy(() -> Replicas.parse("")).isInstanceOf(UsageException.class)
			.hasMessage("--replicas must be a whole number from 1 to 1000 (got \"\")");
		assertThatThrownBy(() -> Replicas.parse(" 2 5 ")).isInstanceOf(UsageException.class)
			.hasMessage("--replicas must be a whole number from 1 to 1000 (got \" 2 5 \")");
		for (String spaced : new String[] { " 70", "70 ", "\t70", "70\n" }) {
			assertThatThrownBy(() -> Replicas.parse(spaced)).as(spaced)
				.isInstanceOf(UsageException.class)
				.hasMessage("--replicas must be a whole number from 1 to 1000 (got \"" + spaced + "\")");
		}
	}

}
