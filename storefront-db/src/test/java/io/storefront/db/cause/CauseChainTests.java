package io.storefront.db.cause;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CauseChainTests {

	@Test
	void theChainRunsFromTheFailureToItsRootCause() {
		ConnectException root = new ConnectException("refused");
		SQLException middle = new SQLException("cannot connect", "08001", root);
		IllegalStateException outer = new IllegalStateException("start-up failed", middle);

		assertThat(CauseChain.of(outer)).containsExactly(outer, middle, root);
		assertThat(CauseChain.of(null)).isEmpty();
	}

	@Test
	void findGivesTheOutermostMatchAndEmptyWhenNoneMatches() {
		IOException inner = new IOException("inner");
		IOException outer = new IOException("outer", new UncheckedIOException(inner));
		RuntimeException failure = new RuntimeException(outer);

		assertThat(CauseChain.find(failure, IOException.class)).containsSame(outer);
		assertThat(CauseChain.find(failure, SQLException.class)).isEmpty();
	}

	@Test
	void containsLooksForAnyOfTheTypesAnywhereInTheChain() {
		RuntimeException failure = new RuntimeException(new IllegalStateException(new ConnectException("refused")));

		assertThat(CauseChain.contains(failure, SQLException.class, IOException.class)).isTrue();
		assertThat(CauseChain.contains(failure, SQLException.class, UncheckedIOException.class)).isFalse();
	}

	@Test
	void aChainThatLoopsBackEndsWhereItWouldRepeat() {
		IllegalStateException first = new IllegalStateException("first");
		IllegalArgumentException second = new IllegalArgumentException("second", first);
		first.initCause(second);

		assertThat(CauseChain.of(first)).containsExactly(first, second);
		assertThat(CauseChain.contains(first, SQLException.class)).isFalse();
	}

}
