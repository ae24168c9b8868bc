package io.storefront.web.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import io.storefront.web.security.JwksJwtDecoders;

/**
 * Stands in for the auth service in other services' tests: serves a JWKS over real HTTP
 * and mints RS256 access tokens shaped like auth-service's ({@code sub}, {@code roles}),
 * plus the bad ones a test needs (expired, tampered, {@code alg: none}, signed by an
 * unknown key). {@link #rotate()} switches to a new signing key, as a key rotation would.
 */
public final class TestTokens implements AutoCloseable {

	private final HttpServer server;

	private final List<RSAKey> published = new ArrayList<>();

	private final AtomicInteger jwksRequests = new AtomicInteger();

	private volatile RSAKey current;

	private TestTokens(HttpServer server) {
		this.server = server;
	}

	public static TestTokens start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			TestTokens tokens = new TestTokens(server);
			tokens.rotate();
			server.createContext("/.well-known/jwks.json", (exchange) -> {
				tokens.jwksRequests.incrementAndGet();
				byte[] body = tokens.jwks().getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return tokens;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String jwksUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/.well-known/jwks.json";
	}

	public int jwksRequests() {
		return this.jwksRequests.get();
	}

	/**
	 * A new signing key with a new key id; tokens minted before stay verifiable (the old
	 * key is still published).
	 */
	public synchronized void rotate() {
		this.current = newKey();
		this.published.add(this.current);
	}

	public String user(String subject) {
		return token(subject, List.of("user"), Duration.ofMinutes(15));
	}

	public String user() {
		return user(UUID.randomUUID().toString());
	}

	public String admin(String subject) {
		return token(subject, List.of("user", "admin"), Duration.ofMinutes(15));
	}

	public String admin() {
		return admin(UUID.randomUUID().toString());
	}

	public String expired(String subject) {
		return token(subject, List.of("user"), Duration.ofMinutes(-10));
	}

	public String token(String subject, List<String> roles, Duration timeToLive) {
		return sign(this.current, subject, roles, timeToLive);
	}

	/**
	 * Genuine, but with a {@code roles} claim of another shape than auth's list of names,
	 * such as the text {@code "user admin"}.
	 */
	public String withRolesClaim(String subject, Object roles) {
		return sign(this.current, subject, roles, Duration.ofMinutes(15));
	}

	/** Genuine, claiming admin, and without an expiry: it would never stop working. */
	public String withoutExpiry(String subject) {
		return sign(this.current, subject, List.of("user", "admin"), null);
	}

	/** Signed by a key the JWKS never published. */
	public String signedByUnknownKey(String subject) {
		return sign(newKey(), subject, List.of("user", "admin"), Duration.ofMinutes(15));
	}

	/** A valid token whose payload was changed afterwards (roles raised to admin). */
	public String tampered(String subject) {
		String[] parts = user(subject).split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"roles\":[\"user\"]", "\"roles\":[\"user\",\"admin\"]");
		return parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
	}

	/** An unsigned token ({@code alg: none}) claiming admin. */
	public String algNone(String subject) {
		String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
		long now = Instant.now().getEpochSecond();
		String payload = "{\"iss\":\"" + JwksJwtDecoders.ISSUER + "\",\"sub\":\"" + subject
				+ "\",\"roles\":[\"user\",\"admin\"],\"iat\":" + now + ",\"exp\":" + (now + 900) + "}";
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
	}

	/**
	 * Other spellings of {@code token} that the JWT library accepted as the token itself:
	 * padding appended, and the signature's last character with an unused low bit set (an
	 * RS256 signature's last character carries four).
	 */
	public static List<String> otherSpellings(String token) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		int last = alphabet.indexOf(token.charAt(token.length() - 1));
		String signatureRespelled = token.substring(0, token.length() - 1) + alphabet.charAt(last | 1);
		return List.of(token + "=", token + "==", token + "===", signatureRespelled);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private synchronized String jwks() {
		return new JWKSet(this.published.stream().map((key) -> (com.nimbusds.jose.jwk.JWK) key.toPublicJWK()).toList())
			.toString();
	}

	private static String sign(RSAKey key, String subject, Object roles, Duration timeToLive) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(JwksJwtDecoders.ISSUER)
			.subject(subject)
			.claim("roles", roles)
			.issueTime(Date.from(now.minusSeconds((timeToLive != null && timeToLive.isNegative()) ? 3600 : 0)))
			.expirationTime((timeToLive != null) ? Date.from(now.plus(timeToLive)) : null)
			.build();
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
