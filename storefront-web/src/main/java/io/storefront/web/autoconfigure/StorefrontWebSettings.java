package io.storefront.web.autoconfigure;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import io.storefront.db.config.HttpUrl;
import io.storefront.db.config.InvalidSettingException;

/**
 * Limits of every service's HTTP edge ({@code storefront.web.*},
 * {@code STOREFRONT_WEB_*}).
 *
 * @param maxRequestBody request bodies over this size are refused with 413
 * @param requestBodyTimeout a request's body is received before the request takes one of
 * the {@code maxConcurrentRequests} turns, and must be complete within this time, else
 * 408 and the connection is closed: clients that send their body a byte at a time cannot
 * hold every turn
 * @param maxConcurrentRequests requests processed at once (each on its own virtual
 * thread); more wait their turn in arrival order, none is refused. Bounds the heap
 * Tomcat's per-request buffers take under a flood of connections
 * @param maxBufferedBodies request bodies held in memory at once, over all requests:
 * those arriving and those complete but not yet processed. A body that would go past it
 * is refused with 503 and {@code Retry-After}; never less than {@code maxRequestBody}, so
 * one body of the largest size always fits
 * @param largeRequestBody a complete body over this size is processed only in one of the
 * {@code maxConcurrentLargeBodies} turns: parsing and validating a body near the limit
 * takes tens of milliseconds of a processor and much garbage, on a virtual thread that is
 * not time-sliced, and a flood of them kept {@code /health} waiting for seconds. The
 * services' own bodies are a few kilobytes at most
 * @param maxConcurrentLargeBodies large bodies processed at once
 * @param largeBodyMaxWait how long a large body waits for its turn before a 503 with
 * {@code Retry-After}; at most 16 wait at once, more are refused at once
 * @param probePort a second port on which only {@code /health}, {@code /health/live} and
 * {@code /health/ready} answer, on threads of their own, so that an orchestrator's probes
 * never wait behind the {@code maxConcurrentRequests} turns; none when unset
 * @param publicUrl the address clients reach the service at
 * ({@code https://shop.example}, optionally with a path prefix): the {@code resource} of
 * its OAuth protected resource metadata (RFC 9728) and, with
 * {@code /.well-known/oauth-protected-resource} added, the {@code resource_metadata} of
 * its 401 challenges, whatever {@code Host} a request names. When unset, both are taken
 * from a request only when its {@code Host} is the address and port the request came in
 * on, or {@code localhost} on a loopback connection; otherwise the challenge has no
 * {@code resource_metadata} and the metadata is a 404
 */
@Validated
@ConfigurationProperties("storefront.web")
public record StorefrontWebSettings(@DefaultValue("1MB") @NotNull DataSize maxRequestBody,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration requestBodyTimeout,
		@DefaultValue("256") @Min(1) int maxConcurrentRequests,
		@DefaultValue("32MB") @NotNull DataSize maxBufferedBodies,
		@DefaultValue("64KB") @NotNull DataSize largeRequestBody,
		@DefaultValue("1") @Min(1) int maxConcurrentLargeBodies,
		@DefaultValue("2s") @NotNull @DurationMin(millis = 0) Duration largeBodyMaxWait,
		@Min(1) @Max(65535) Integer probePort, String publicUrl) {

	public StorefrontWebSettings {
		if (maxRequestBody != null && maxRequestBody.toBytes() < 1) {
			// a limit of nothing would refuse every request with a body, a
			// misconfiguration best caught before the first POST
			throw new InvalidSettingException("storefront.web.max-request-body",
					"must be at least 1B, such as 1MB (got " + maxRequestBody + ")");
		}
		if (largeRequestBody != null && largeRequestBody.toBytes() < 1) {
			// every body would wait for the few large-body turns
			throw new InvalidSettingException("storefront.web.large-request-body",
					"must be at least 1B, such as 64KB (got " + largeRequestBody + ")");
		}
		if (publicUrl != null && !publicUrl.isBlank()) {
			HttpUrl.parse("storefront.web.public-url", publicUrl.trim(), "https://shop.example.com",
					HttpUrl.Query.REFUSED);
		}
	}

	/**
	 * {@link #publicUrl()} without a trailing {@code /}, so that paths can be added to
	 * it; {@code null} when unset (empty counts as unset).
	 */
	public String publicBaseUrl() {
		if (this.publicUrl == null || this.publicUrl.isBlank()) {
			return null;
		}
		return this.publicUrl.trim().replaceFirst("/+$", "");
	}

}
