package io.storefront.web.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * JSON exchanged between systems is UTF-8 (RFC 8259, section 8.1). Jackson also reads
 * UTF-16 and UTF-32 bodies, and some malformed UTF-8 (an overlong {@code C0 AF} read as
 * {@code /}), so two readers of one body could see different text, as with a key given
 * twice. Such a body is refused (400) before it is parsed. A zero byte cannot stand in
 * UTF-8 JSON text (a NUL in a string must be escaped), and every UTF-16 or UTF-32 body of
 * ASCII JSON has them. A body for a JSON endpoint is then read through once as JSON text,
 * so that malformed JSON is a 400 even after a field of the wrong type (which binding
 * would report first, as a 422). A body labelled with another charset than UTF-8 is
 * refused (415) rather than read in either: Spring decoded an ISO-8859-1 one as such, so
 * "é" sent in UTF-8 was stored as "Ã©", while UTF-16 was read as UTF-8 without a word. A
 * body labelled twice is refused too (415), as the label checked would be only the first.
 */
@ControllerAdvice
public class Utf8JsonBody extends RequestBodyAdviceAdapter {

	private final JsonMapper mapper;

	/**
	 * @param mapper the one that binds the bodies, so that its rules
	 * ({@link StrictJsonInput}'s duplicate keys, the parser's limits) are the ones
	 * checked
	 */
	public Utf8JsonBody(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		for (String header : input.getHeaders().getOrEmpty(HttpHeaders.CONTENT_ENCODING)) {
			for (String coding : header.split(",")) {
				if (!coding.isBlank() && !coding.strip().equalsIgnoreCase("identity")) {
					throw new EncodedBodyException(
							String.join(", ", input.getHeaders().get(HttpHeaders.CONTENT_ENCODING)));
				}
			}
		}
		if (contentTypeLines() > 1) {
			// the charset below, and the type Spring matched, are the first line's
			throw new NotOneContentTypeException();
		}
		Charset charset = input.getHeaders().getContentType() != null ? input.getHeaders().getContentType().getCharset()
				: null;
		if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
			throw new NotUtf8CharsetException(charset);
		}
		byte[] body = input.getBody().readAllBytes();
		if (!isUtf8Text(body)) {
			throw new HttpMessageNotReadableException("the request body is not UTF-8 text", new NotUtf8Text(), input);
		}
		if (JacksonJsonHttpMessageConverter.class.isAssignableFrom(converterType)) {
			requireJsonText(body, input);
		}
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(body);
			}

			@Override
			public HttpHeaders getHeaders() {
				return input.getHeaders();
			}

		};
	}

	/**
	 * Counted on the servlet request: the headers Spring hands to an advice keep one
	 * Content-Type, the first line's.
	 */
	private static int contentTypeLines() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return Collections.list(attributes.getRequest().getHeaders(HttpHeaders.CONTENT_TYPE)).size();
		}
		return 1;
	}

	/**
	 * Reads the whole body as JSON tokens, without binding, so that malformed JSON is a
	 * 400 wherever it is: binding stops at the first field of the wrong type, and would
	 * answer a body that is no JSON after it with that field's 422.
	 */
	private void requireJsonText(byte[] body, HttpInputMessage input) {
		try (JsonParser parser = this.mapper.createParser(body)) {
			if (parser.nextToken() != null) {
				parser.skipChildren();
				if (parser.nextToken() != null) {
					throw new StreamReadException(parser, "a JSON text is one value: more follows it");
				}
			}
		}
		catch (StreamConstraintsException ex) {
			// over a limit of the parser's (nesting, a number's length), not malformed:
			// binding meets the same limit, or a field's error before it, as without this
			// pass
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException("the request body is not valid JSON", ex, input);
		}
	}

	static boolean isUtf8Text(byte[] body) {
		for (byte b : body) {
			if (b == 0) {
				return false;
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/**
	 * A body sent with a content coding (gzip, …): 415. Read as it is, a compressed body
	 * would be refused as not UTF-8, and a plain body labelled compressed would be read
	 * other than a gateway that honours the label reads it.
	 */
	public static final class EncodedBodyException extends RuntimeException {

		EncodedBodyException(String coding) {
			super("the request body must not be compressed or otherwise encoded (Content-Encoding: " + coding
					+ "); send it as plain JSON");
		}

	}

	/**
	 * A body labelled by more than one Content-Type line: 415, as for one line listing
	 * two types. Tomcat and Spring read the first, a proxy in front may check the last.
	 */
	public static final class NotOneContentTypeException extends RuntimeException {

		NotOneContentTypeException() {
			super("the request has more than one Content-Type header");
		}

	}

	/** A body labelled with another charset than UTF-8: 415. */
	public static final class NotUtf8CharsetException extends RuntimeException {

		NotUtf8CharsetException(Charset charset) {
			super("the request body must be UTF-8 JSON (RFC 8259), not " + charset.name()
					+ "; send application/json, without a charset or with charset=utf-8");
		}

	}

	/** The cause of the 400 a body that is not UTF-8 text gets. */
	public static final class NotUtf8Text extends IOException {

		NotUtf8Text() {
			super("the request body is not UTF-8 text");
		}

	}

}
