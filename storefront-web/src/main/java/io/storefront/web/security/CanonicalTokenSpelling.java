package io.storefront.web.security;

import java.util.Base64;

/**
 * Whether a token is spelled the one way RFC 7515's compact serialization allows: three
 * segments of unpadded base64url, each exactly the encoding of the bytes it decodes to.
 * The JWT library also reads padding, the standard alphabet and a last character whose
 * unused low bits are set, so one signed token had many spellings; the verified-token
 * cache, a denylist or an audit log, which go by the text, would take them for different
 * tokens.
 */
final class CanonicalTokenSpelling {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private CanonicalTokenSpelling() {
	}

	static boolean isCanonical(String token) {
		String[] segments = token.split("\\.", -1);
		if (segments.length != 3) {
			return false;
		}
		for (String segment : segments) {
			if (!isCanonicalSegment(segment)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isCanonicalSegment(String segment) {
		if (!segment.chars().allMatch(CanonicalTokenSpelling::isBase64UrlCharacter) || segment.length() % 4 == 1) {
			return false;
		}
		return ENCODER.encodeToString(DECODER.decode(segment)).equals(segment);
	}

	private static boolean isBase64UrlCharacter(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

}
