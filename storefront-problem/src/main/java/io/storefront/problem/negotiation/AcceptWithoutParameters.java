package io.storefront.problem.negotiation;

import java.util.List;

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
 */
public class AcceptWithoutParameters extends HeaderContentNegotiationStrategy {

	@Override
	public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
		List<MediaType> requested = super.resolveMediaTypes(request);
		List<MediaType> acceptable = requested.stream()
			.filter((type) -> type.getQualityValue() > 0)
			.map(AcceptWithoutParameters::withWeightOnly)
			.toList();
		if (acceptable.isEmpty() && !requested.isEmpty()) {
			// An empty list would read as no Accept header at all, that is */*; this is
			// what Spring answers an unreadable Accept with: a 406.
			throw new HttpMediaTypeNotAcceptableException("every type in Accept has q=0");
		}
		return acceptable;
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
