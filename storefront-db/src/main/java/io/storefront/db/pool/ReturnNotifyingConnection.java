package io.storefront.db.pool;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pool connection that says when it goes back to the pool. Everything else,
 * {@code unwrap} included, goes to the pool's own connection.
 */
final class ReturnNotifyingConnection implements InvocationHandler {

	private final Connection target;

	private final Runnable onReturn;

	private final AtomicBoolean returned = new AtomicBoolean();

	private ReturnNotifyingConnection(Connection target, Runnable onReturn) {
		this.target = target;
		this.onReturn = onReturn;
	}

	static Connection wrap(Connection target, Runnable onReturn) {
		return (Connection) Proxy.newProxyInstance(ReturnNotifyingConnection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new ReturnNotifyingConnection(target, onReturn));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		switch (method.getName()) {
			case "equals":
				return proxy == args[0];
			case "hashCode":
				return System.identityHashCode(proxy);
			case "toString":
				return "ReturnNotifyingConnection[" + this.target + "]";
			case "unwrap":
				return ((Class<?>) args[0]).isInstance(proxy) ? proxy : this.target.unwrap((Class<?>) args[0]);
			case "isWrapperFor":
				return ((Class<?>) args[0]).isInstance(proxy) || this.target.isWrapperFor((Class<?>) args[0]);
			default:
				break;
		}
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
		finally {
			if (method.getName().equals("close") && this.returned.compareAndSet(false, true)) {
				this.onReturn.run();
			}
		}
	}

}
