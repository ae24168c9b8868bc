package io.storefront.cli.provision;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import io.storefront.cli.ExitStatus;
import io.storefront.cli.Options;
import io.storefront.cli.StateDirectory;
import io.storefront.cli.Terminal;
import io.storefront.cli.UsageException;
import io.storefront.db.config.InvalidSettingException;
import io.storefront.db.provision.AdminConnection;

/** {@code db provision --admin-url URL [--out DIR] [--format env|kubernetes] [--service-host HOST[:PORT]] [--rotate]}. */
public final class ProvisionCommand {

	public static final String USAGE = """
			usage: storefront db provision --admin-url URL [--out DIR] [--format env|kubernetes]
			                               [--service-host HOST[:PORT]] [--rotate]
			  Creates auth_db, product_db and cart_db with one least-privilege role each (idempotent)
			  and writes auth.env, product.env and cart.env (mode 600) holding each DATABASE_URL.
			  --admin-url URL      a superuser login, e.g. postgresql://postgres@127.0.0.1:5432/postgres
			  --out DIR            where the files go (default: .storefront/env of this checkout)
			  --format kubernetes  write Kubernetes Secrets instead (auth-database.yaml, …: Secret
			                       <service>-database, key DATABASE_URL), as deploy/kubernetes expects
			  --service-host H[:P] the host the services reach the server at, if not the admin URL's;
			                       {service} stands for auth, product, cart (e.g. {service}-db-pooler)
			  --rotate             give every role a new password (default: keep those in the files)""";

	private final Terminal terminal;

	public ProvisionCommand(Terminal terminal) {
		this.terminal = terminal;
	}

	public int run(List<String> arguments) {
		Options options = Options.parse(arguments, Set.of("--rotate"), Set.of("--admin-url", "--out", "--format", "--service-host"));
		String adminUrl = options.value("--admin-url")
			.orElseThrow(() -> new UsageException("--admin-url is required"));
		AdminConnection admin;
		try {
			admin = AdminConnection.parse("--admin-url", adminUrl);
		}
		catch (InvalidSettingException ex) {
			throw new UsageException(ex.getMessage().replaceFirst("^invalid configuration: ", ""));
		}
		Path out = options.value("--out")
			.map((dir) -> Path.of(dir).toAbsolutePath().normalize())
			.orElseGet(() -> StateDirectory.envDirectory(this.terminal));
		boolean rotate = options.flag("--rotate");
		ProvisionOutput output = ProvisionOutput.named(options.value("--format").orElse("env"));
		ServiceHost serviceHost = options.value("--service-host")
			.map((host) -> ServiceHost.parse("--service-host", host))
			.orElse(null);

		this.terminal.out().println("Provisioning PostgreSQL at " + admin.server() + " as "
				+ ((admin.url().user() != null) ? admin.url().user() : "the default user") + (rotate ? " (rotating passwords)" : ""));
		List<ProvisionedService> results = new Provisioning(admin).run(out, rotate, output, serviceHost);
		for (ProvisionedService result : results) {
			this.terminal.out().printf("  %-16s %s%n", result.service().name(), result.describe());
		}
		this.terminal.out().println("CONNECT revoked from PUBLIC; each role may connect to its own database only.");
		this.terminal.out().println(output.describe() + " (mode 600): "
				+ String.join(", ", results.stream().map((result) -> result.envFile().toString()).toList()));
		return ExitStatus.OK;
	}

}
