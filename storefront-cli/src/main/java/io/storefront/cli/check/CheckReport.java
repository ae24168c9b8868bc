package io.storefront.cli.check;

import java.util.List;

import io.storefront.cli.ExitStatus;

/**
 * The whole result of {@code db check}; {@code ok} only when every service and every
 * budget passed.
 */
public record CheckReport(boolean ok, String envDir, int replicas, List<ServiceReport> services,
		List<BudgetReport> budgets) {

	public CheckReport {
		services = List.copyOf(services);
		budgets = List.copyOf(budgets);
	}

	/**
	 * {@link ExitStatus#OK} when everything passed; {@link ExitStatus#UNREACHABLE} when
	 * every failure was something that did not answer (a budget left unchecked for that
	 * reason goes with it); {@link ExitStatus#FAILED} otherwise.
	 */
	int exitStatus() {
		if (this.ok) {
			return ExitStatus.OK;
		}
		boolean anyAnswerSaidNo = this.services.stream().anyMatch(ServiceReport::failedWithAnAnswer)
				|| this.budgets.stream().anyMatch((budget) -> !budget.ok() && budget.needed() != null);
		boolean anyUnreachable = this.services.stream().anyMatch(ServiceReport::failedUnanswered);
		return (anyUnreachable && !anyAnswerSaidNo) ? ExitStatus.UNREACHABLE : ExitStatus.FAILED;
	}

	static CheckReport of(String envDir, int replicas, List<ServiceReport> services, List<BudgetReport> budgets) {
		boolean ok = services.stream().allMatch(ServiceReport::ok) && budgets.stream().allMatch(BudgetReport::ok)
				&& !budgets.isEmpty();
		return new CheckReport(ok, envDir, replicas, services, budgets);
	}

}
