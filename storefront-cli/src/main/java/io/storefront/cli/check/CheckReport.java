package io.storefront.cli.check;

import java.util.List;

/** The whole result of {@code db check}; {@code ok} only when every service and every budget passed. */
public record CheckReport(boolean ok, String envDir, int replicas, List<ServiceReport> services,
		List<BudgetReport> budgets) {

	public CheckReport {
		services = List.copyOf(services);
		budgets = List.copyOf(budgets);
	}

	static CheckReport of(String envDir, int replicas, List<ServiceReport> services, List<BudgetReport> budgets) {
		boolean ok = services.stream().allMatch(ServiceReport::ok) && budgets.stream().allMatch(BudgetReport::ok)
				&& !budgets.isEmpty();
		return new CheckReport(ok, envDir, replicas, services, budgets);
	}

}
