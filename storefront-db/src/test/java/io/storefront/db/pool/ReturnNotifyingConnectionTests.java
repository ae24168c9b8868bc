package io.storefront.db.pool;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.storefront.sample.RunningSampleService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection the application borrows: it says once that it went back to the pool, and
 * passes every other call to the pool's connection as it was made.
 */
class ReturnNotifyingConnectionTests extends RunningSampleService {

	private static final Set<String> OWN_METHODS = Set.of("close", "unwrap", "isWrapperFor");

	@Autowired
	private StorefrontPool pool;

	@Test
	void aConnectionClosedTwiceSaysOnceThatItWentBack() throws Exception {
		AtomicInteger returns = new AtomicInteger();
		Connection connection = ReturnNotifyingConnection.wrap(this.pool.dataSource().getConnection(),
				returns::incrementAndGet);

		connection.close();
		connection.close();

		assertThat(connection.isClosed()).isTrue();
		assertThat(returns).hasValue(1);
	}

	@Test
	void itSaysSoOnceTheConnectionIsBackInThePool() throws Exception {
		List<Integer> inUseWhenToldOfTheReturn = new ArrayList<>();
		Connection connection = ReturnNotifyingConnection.wrap(this.pool.dataSource().getConnection(),
				() -> inUseWhenToldOfTheReturn
					.add(this.pool.dataSource().getHikariPoolMXBean().getActiveConnections()));

		connection.close();

		assertThat(inUseWhenToldOfTheReturn).containsExactly(0);
	}

	@Test
	void everyOtherCallGoesToThePoolsConnectionWithItsArgumentsAndAnswer() throws Exception {
		List<String> passedOtherwise = new ArrayList<>();
		for (Method method : Connection.class.getMethods()) {
			if (OWN_METHODS.contains(method.getName())) {
				continue;
			}
			Object[] arguments = argumentsFor(method);
			Object answer = answerOf(method.getReturnType());
			List<Object[]> received = new ArrayList<>();
			Connection target = proxy(Connection.class, (called, args) -> {
				if (!called.equals(method)) {
					return null;
				}
				received.add((args != null) ? args : new Object[0]);
				return answer;
			});

			Object answered = method.invoke(ReturnNotifyingConnection.wrap(target, () -> {
			}), arguments);

			boolean sameAnswer = (answer instanceof Number || answer instanceof Boolean) ? answer.equals(answered)
					: answer == answered;
			if (received.size() != 1 || !Arrays.equals(received.get(0), arguments) || !sameAnswer) {
				passedOtherwise.add(method.toString());
			}
		}
		assertThat(passedOtherwise).isEmpty();
	}

	/** Told apart by position, so that two passed in each other's place show. */
	private static Object[] argumentsFor(Method method) {
		Class<?>[] types = method.getParameterTypes();
		Object[] arguments = new Object[types.length];
		for (int i = 0; i < types.length; i++) {
			arguments[i] = valueOf(types[i], i);
		}
		return arguments;
	}

	private static Object answerOf(Class<?> type) {
		return (type == void.class) ? null : valueOf(type, -1);
	}

	/**
	 * A value of {@code type} for position {@code i}: {@code null} for the one class
	 * taken, {@code Properties}, whose call has no other argument to confuse it with.
	 */
	private static Object valueOf(Class<?> type, int i) {
		if (type == int.class) {
			return 100 + i;
		}
		if (type == boolean.class) {
			return i % 2 == 0;
		}
		if (type == String.class) {
			return "value " + i;
		}
		if (type.isArray()) {
			return Array.newInstance(type.getComponentType(), 1);
		}
		if (type.isInterface()) {
			return proxy(type, (called, args) -> null);
		}
		return null;
	}

	private static <T> T proxy(Class<T> type, BiFunction<Method, Object[], Object> answers) {
		return type.cast(Proxy.newProxyInstance(ReturnNotifyingConnectionTests.class.getClassLoader(),
				new Class<?>[] { type }, (proxy, called, args) -> answers.apply(called, args)));
	}

}
