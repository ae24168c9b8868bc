package io.storefront.problem.negotiation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * Reads {@code Accept} without the parameters of its types, but their weights, and
 * without the types it refuses.
 * <p>
 * Spring answers with the most specific acceptable type, parameters included, so a
 * client's {@code application/json;version=2} labelled an answer that knows no versions.
 * Every answer is UTF-8, as JSON exchanged between systems must be (RFC 8259, section
 * 8.1, which defines no charset parameter for {@code application/json}). Honoured,
 * {@code application/json;charset=latin1} made Spring pick a type no converter writes and
 * fail with a 500 after the handler had run, a write already committed;
 * {@code charset=us-ascii} labelled a UTF-8 body ASCII.
 * <p>
 * A type of weight {@code q=0} is not acceptable (RFC 9110, section 12.4.2), but Spring
 * only sorts by weight, and answered {@code application/json;q=0} with JSON.
 * <p>
 * Clients send the same few {@code Accept} values over and over, so each value's reading
 * is remembered rather than parsed and sorted on every negotiation.
 */
public class AcceptWithoutParameters extends HeaderContentNegotiationStrategy {

	/**
	 * How many distinct {@code Accept} values are remembered, all forgotten when one more
	 * comes: a client sending a new value on every request costs a parse each time, as
	 * without the memory, and no more than this many values' worth of memory.
	 */
	static final int REMEMBERED = 64;

	/**
	 * The acceptable types by the {@code Accept} values read; none when all are refused.
	 */
	private final Map<List<String>, List<MediaType>> readings = new ConcurrentHashMap<>();

	@Override
	public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
		String[] accept = request.getHeaderValues(HttpHeaders.ACCEPT);
		if (accept == null) {
			return MEDIA_TYPE_ALL_LIST;
		}
		List<MediaType> acceptable = this.readings.get(Arrays.asList(accept));
		if (acceptable == null) {
			acceptable = acceptable(super.resolveMediaTypes(request));
			remember(List.of(accept), acceptable);
		}
		// Spring reads an Accept without types as */*, so none left means all refused.
		// An empty list would read as no Accept header at all; a 406 is what Spring
		// answers an unreadable Accept with.
		if (acceptable.isEmpty()) {
			throw new HttpMediaTypeNotAcceptableException("every type in Accept has q=0");
		}
		return acceptable;
	}

	/** Shared by every request that sends the same {@code Accept}, so unmodifiable. */
	private static List<MediaType> acceptable(List<MediaType> requested) {
		return requested.stream()
			.filter((type) -> type.getQualityValue() > 0)
			.map(AcceptWithoutParameters::withWeightOnly)
			.toList();
	}

	private void remember(List<String> accept, List<MediaType> acceptable) {
		if (this.readings.size() >= REMEMBERED) {
			this.readings.clear();
		}
		this.readings.put(accept, acceptable);
	}

	int remembered() {
		return this.readings.size();
	}

	private static MediaType withWeightOnly(MediaType type) {
		if (type.getParameters().isEmpty()) {
			return type;
		}
		double weight = type.getQualityValue();
		return (weight == 1.0) ? new MediaType(type.getType(), type.getSubtype())
				: new MediaType(type.getType(), type.getSubtype(), weight);
	}

}
