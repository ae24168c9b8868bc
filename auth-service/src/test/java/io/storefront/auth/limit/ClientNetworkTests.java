package io.storefront.auth.limit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientNetworkTests {

	@Test
	void anIpv4AddressIsItsOwnKey() {
		assertThat(ClientNetwork.of("203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(ClientNetwork.of("203.0.113.8")).isEqualTo("203.0.113.8");
	}

	@Test
	void theAddressesOfOneIpv6NetworkShareOneKey() {
		String one = ClientNetwork.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd");

		assertThat(one).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientNetwork.of("2001:0db8:0001:0002::1")).isEqualTo(one);
		assertThat(ClientNetwork.of("2001:db8:1:3::1")).as("the next /64").isNotEqualTo(one);
	}

	@Test
	void anIpv4MappedAddressCountsAsItsIpv4Address() {
		assertThat(ClientNetwork.of("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
	}

	@Test
	void aScopedLinkLocalAddressIsCountedByItsNetwork() {
		assertThat(ClientNetwork.of("fe80::1%2")).isEqualTo(ClientNetwork.of("fe80::2%2"));
	}

}
