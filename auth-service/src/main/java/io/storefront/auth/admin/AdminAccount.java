package io.storefront.auth.admin;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;

import io.storefront.auth.user.PasswordHasher;
import io.storefront.auth.user.Role;
import io.storefront.auth.user.UserAccount;
import io.storefront.auth.user.UserRepository;

/**
 * Creates or updates the administrator account at start-up, before the HTTP port opens:
 * roles {@code user} and {@code admin}, and the configured password (re-hashed only when
 * it changed, since every bcrypt hash differs). The settings are checked when this bean
 * is created, so a bad one stops start-up early. Demoting a former administrator is left
 * to the operator.
 */
class AdminAccount implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(AdminAccount.class);

	private final Optional<AdminAccountSettings> settings;

	private final UserRepository users;

	private final PasswordHasher hasher;

	AdminAccount(Environment environment, UserRepository users, PasswordHasher hasher) {
		this.settings = AdminAccountSettings.read(environment::getProperty);
		this.users = users;
		this.hasher = hasher;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.settings.ifPresent(this::ensure);
	}

	private void ensure(AdminAccountSettings admin) {
		Optional<UserAccount> existing = this.users.findByEmail(admin.email());
		boolean upToDate = existing
			.filter((user) -> user.hasRole(Role.ADMIN) && this.hasher.matches(admin.password(), user.passwordHash()))
			.isPresent();
		if (!upToDate) {
			UserAccount user = this.users.upsertAdministrator(admin.email(), this.hasher.hash(admin.password()));
			logger.atInfo()
				.addKeyValue("user_id", user.id())
				.log("admin account {}: user_id={}", existing.isPresent() ? "updated" : "created", user.id());
		}
		logger.atInfo().addKeyValue("email", admin.email()).log("admin account ready: {}", admin.email());
	}

}
