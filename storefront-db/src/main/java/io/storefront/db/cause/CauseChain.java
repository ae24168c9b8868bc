package io.storefront.db.cause;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A failure and its causes, outermost first: the one way Storefront looks through wrapped
 * exceptions (Spring's {@code NestedExceptionUtils} only gives the root, and the command
 * line has no Spring). A chain that loops back on itself ends where it would repeat.
 */
public final class CauseChain {

	private CauseChain() {
	}

	/**
	 * {@code failure}, its cause, that cause's cause, and so on; empty for {@code null}.
	 */
	public static Stream<Throwable> of(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		return Stream.iterate(failure, (cause) -> cause != null && seen.add(cause), Throwable::getCause);
	}

	/** The outermost throwable of {@code type} in the chain of {@code failure}. */
	public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
		return of(failure).filter(type::isInstance).map(type::cast).findFirst();
	}

	/**
	 * Whether a throwable of one of {@code types} is anywhere in the chain of
	 * {@code failure}.
	 */
	@SafeVarargs
	public static boolean contains(Throwable failure, Class<? extends Throwable>... types) {
		return of(failure).anyMatch((cause) -> Stream.of(types).anyMatch((type) -> type.isInstance(cause)));
	}

}
