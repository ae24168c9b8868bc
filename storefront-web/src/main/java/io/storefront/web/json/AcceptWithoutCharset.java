package io.storefront.web.json;

import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedCaseInsensitiveMap;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * Reads {@code Accept} without its {@code charset} parameters: every answer is UTF-8, as
 * JSON exchanged between systems must be (RFC 8259, section 8.1, which defines no charset
 * parameter for {@code application/json}). Honoured,
 * {@code application/json;charset=latin1} made Spring pick a type no converter writes and
 * fail with a 500 after the handler had run, a write already committed;
 * {@code charset=us-ascii} labelled a UTF-8 body ASCII.
 */
public class AcceptWithoutCharset extends HeaderContentNegotiationStrategy {

	@Override
	public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
		return super.resolveMediaTypes(request).stream().map(AcceptWithoutCharset::withoutCharset).toList();
	}

	private static MediaType withoutCharset(MediaType type) {
		if (type.getCharset() == null) {
			return type;
		}
		Map<String, String> parameters = new LinkedCaseInsensitiveMap<>();
		parameters.putAll(type.getParameters());
		parameters.remove("charset");
		return new MediaType(type.getType(), type.getSubtype(), parameters);
	}

}
