package io.storefront.auth.key;

import java.time.Instant;

import com.nimbusds.jose.jwk.RSAKey;

/** A row of {@code signing_keys}. {@link #toString()} leaves the private key out. */
record StoredSigningKey(String kid, String privateKeyPem, boolean active, Instant createdAt) {

	RSAKey toJwk() {
		RSAKey key = RsaKeys.fromPem(this.privateKeyPem);
		if (!key.getKeyID().equals(this.kid)) {
			throw new IllegalStateException("signing key " + this.kid + " does not match its stored key id");
		}
		return key;
	}

	@Override
	public String toString() {
		return "StoredSigningKey[kid=" + this.kid + ", active=" + this.active + ", createdAt=" + this.createdAt + "]";
	}

}
