package io.storefront.cli.check;

/** A running service's {@code /health} and {@code /health/detailed}. */
public record HttpReport(boolean ok, Endpoint health, Endpoint detailed) {

	/**
	 * One endpoint's answer.
	 *
	 * @param result the status the body reports ({@code healthy}, {@code degraded}, …),
	 * when it has one
	 * @param error why the endpoint does not pass, {@code null} when it does
	 */
	public record Endpoint(String url, boolean ok, Integer status, String result, Double latencyMs, String error) {

	}

}
