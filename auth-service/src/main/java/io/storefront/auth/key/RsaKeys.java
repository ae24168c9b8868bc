package io.storefront.auth.key;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * RSA signing keys as JWKs: generated (2048 bits), or read from and written to PKCS#8
 * PEM. The key id is the key's RFC 7638 thumbprint, so the same key has the same
 * {@code kid} wherever it is loaded.
 */
final class RsaKeys {

	static final int BITS = 2048;

	private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String PEM_END = "-----END PRIVATE KEY-----";

	private RsaKeys() {
	}

	static RSAKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(BITS);
			KeyPair pair = generator.generateKeyPair();
			return jwk((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("this JVM cannot generate RSA keys", ex);
		}
	}

	static String toPem(RSAKey key) {
		try {
			String base64 = Base64.getMimeEncoder(64, new byte[] { '\n' })
				.encodeToString(key.toRSAPrivateKey().getEncoded());
			return PEM_BEGIN + "\n" + base64 + "\n" + PEM_END + "\n";
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("the signing key has no private part", ex);
		}
	}

	/**
	 * Reads an unencrypted PKCS#8 PEM RSA private key of at least 2048 bits.
	 * @throws IllegalArgumentException saying what is wrong, never quoting the key
	 */
	static RSAKey fromPem(String pem) {
		String text = pem.strip();
		if (text.contains("BEGIN RSA PRIVATE KEY")) {
			throw new IllegalArgumentException("is a PKCS#1 key; convert it with "
					+ "'openssl pkcs8 -topk8 -nocrypt -in key.pem' to a PKCS#8 \"BEGIN PRIVATE KEY\" block");
		}
		int begin = text.indexOf(PEM_BEGIN);
		int end = text.indexOf(PEM_END);
		if (begin < 0 || end < begin) {
			throw new IllegalArgumentException("must be a PEM block \"-----BEGIN PRIVATE KEY-----\" … "
					+ "\"-----END PRIVATE KEY-----\" holding an unencrypted PKCS#8 RSA private key");
		}
		RSAPrivateCrtKey privateKey = decode(text.substring(begin + PEM_BEGIN.length(), end).replaceAll("\\s", ""));
		if (privateKey.getModulus().bitLength() < BITS) {
			throw new IllegalArgumentException("is an RSA key of " + privateKey.getModulus().bitLength()
					+ " bits; at least " + BITS + " are required");
		}
		try {
			RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return jwk(publicKey, privateKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("this JVM cannot derive an RSA public key", ex);
		}
	}

	private static RSAPrivateCrtKey decode(String base64) {
		try {
			byte[] der = Base64.getDecoder().decode(base64);
			if (KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key) {
				return key;
			}
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			// Not base64, not PKCS#8, or not RSA: all answered below, without quoting the
			// key.
		}
		throw new IllegalArgumentException("does not hold a readable unencrypted PKCS#8 RSA private key");
	}

	private static RSAKey jwk(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
		try {
			return new RSAKey.Builder(publicKey).privateKey(privateKey)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint()
				.build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot compute the key's thumbprint", ex);
		}
	}

}
