package io.storefront.console.view;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.storefront.console.access.Access;
import io.storefront.console.access.AccessGate;
import io.storefront.console.access.WrongTokenWait;
import io.storefront.problem.Problems;

/**
 * The page's data over HTTP: {@code /api/status} (what every row, the journal and the
 * dependency view show) and {@code /api/services/{index}/detailed} (the drill-down), each
 * to those the {@link AccessGate} lets see it. What they show is the
 * {@link StatusReport}'s.
 */
@RestController
class StatusController {

	private final StatusReport report;

	private final AccessGate gate;

	StatusController(StatusReport report, AccessGate gate) {
		this.report = report;
		this.gate = gate;
	}

	@InitBinder
	void decimalIndexesOnly(WebDataBinder binder) {
		binder.registerCustomEditor(BigInteger.class, new DecimalIndexEditor());
	}

	@GetMapping(path = "/api/status", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> status(HttpServletRequest request) {
		Access access = this.gate.access(request);
		if (access instanceof Access.MustWait(Duration wait)) {
			return WrongTokenWait.answer(wait);
		}
		StatusPage page = this.report.page(this.gate.isProtected(), access instanceof Access.Granted);
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page);
	}

	/**
	 * @param index any whole number: one no {@code long} can hold is a place that holds
	 * no service, as any other out of range, not a number that is none
	 */
	@GetMapping(path = "/api/services/{index}/detailed", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> detailed(@PathVariable BigInteger index, HttpServletRequest request) {
		Access access = this.gate.access(request);
		if (access instanceof Access.MustWait(Duration wait)) {
			return WrongTokenWait.answer(wait);
		}
		if (access instanceof Access.Refused) {
			return ResponseEntity.of(Problems.of(HttpStatus.UNAUTHORIZED, "log in to see the details"))
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"storefront-console\"")
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
				.build();
		}
		Optional<Map<String, Object>> drillDown = this.report.drillDown(index);
		if (drillDown.isEmpty()) {
			return ResponseEntity.of(Problems.of(HttpStatus.NOT_FOUND, "no service number " + index))
				.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
				.build();
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(drillDown.get());
	}

}
