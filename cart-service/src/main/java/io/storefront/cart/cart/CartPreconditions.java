package io.storefront.cart.cart;

/**
 * A change's {@code If-Match} and {@code If-None-Match} (RFC 9110 sections 13.1.1 and
 * 13.1.2). The cart issues no entity tags, so what they say depends only on whether the
 * line (or the cart, which always exists) exists: an If-Match listing tags never holds,
 * {@code If-Match: *} holds where it exists, {@code If-None-Match: *} fails there, and an
 * If-None-Match listing tags always holds. {@code If-Unmodified-Since} is left out: the
 * cart has no modification date, so it is ignored (section 13.1.4).
 */
record CartPreconditions(IfMatch ifMatch, boolean ifNoneMatchAny) {

	/** Each header as one comma-separated list, {@code null} when not sent. */
	static CartPreconditions of(String ifMatchHeader, String ifNoneMatchHeader) {
		IfMatch ifMatch = (ifMatchHeader == null || ifMatchHeader.isBlank()) ? IfMatch.ABSENT
				: listsAny(ifMatchHeader) ? IfMatch.ANY : IfMatch.TAGS;
		return new CartPreconditions(ifMatch, ifNoneMatchHeader != null && listsAny(ifNoneMatchHeader));
	}

	private static boolean listsAny(String header) {
		for (String member : header.split(",")) {
			if (member.trim().equals("*")) {
				return true;
			}
		}
		return false;
	}

	/** Whether they let a change through where its line (or the cart) exists. */
	boolean holdWhereItExists() {
		return this.ifMatch != IfMatch.TAGS && !this.ifNoneMatchAny;
	}

	/** Changes to the cart as a whole, which always exists. */
	void requireForCart() {
		if (!holdWhereItExists()) {
			throw failureWhere("the cart exists");
		}
	}

	/**
	 * The 412 where {@code existing} describes what exists, naming If-Match first as the
	 * RFC evaluates it first (section 13.2.2).
	 */
	PreconditionFailedException failureWhere(String existing) {
		if (this.ifMatch == IfMatch.TAGS) {
			return new PreconditionFailedException("the cart's lines carry no entity tags: If-Match can only be *");
		}
		return new PreconditionFailedException(
				existing + " and If-None-Match is *, which holds only where nothing exists; it was left unchanged");
	}

	enum IfMatch {

		ABSENT,

		/** {@code *}: holds where the line or the cart exists. */
		ANY,

		/** A list of entity tags, none of which the cart issued, so none matches. */
		TAGS

	}

}
