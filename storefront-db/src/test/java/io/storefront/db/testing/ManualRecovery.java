package io.storefront.db.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.storefront.db.pool.DatabaseAvailability;

/**
 * The database's availability as the health probe would report it, told by hand: never an
 * outage, and a recovery whenever {@link #recover()} says so.
 */
public class ManualRecovery implements DatabaseAvailability {

	private final List<Runnable> recoveryListeners = new CopyOnWriteArrayList<>();

	@Override
	public Optional<String> knownOutage() {
		return Optional.empty();
	}

	@Override
	public void onOutage(Consumer<String> listener) {
	}

	@Override
	public void onRecovery(Runnable listener) {
		this.recoveryListeners.add(listener);
	}

	public void recover() {
		this.recoveryListeners.forEach(Runnable::run);
	}

}
