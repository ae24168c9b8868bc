package io.storefront.web.security;

import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * The security every service shares: stateless bearer-token (JWT) authentication,
 * problem+json for 401/403, and the operational endpoints open (health, metrics, API
 * docs). A service adds the rules for its own endpoints and ends with
 * {@code anyRequest().permitAll()}, so an unknown route is a 404, not a 401.
 */
public class StorefrontSecurity {

	public static final String[] OPEN_PATHS = { "/health", "/health/**", "/metrics", "/docs", "/docs/**",
			"/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**", "/error" };

	private final JwtAuthenticationConverter jwtConverter;

	private final ProtectedResourceIdentifier identifier;

	private final ProblemAuthenticationEntryPoint entryPoint;

	public StorefrontSecurity(JwtAuthenticationConverter jwtConverter, ProtectedResourceIdentifier identifier) {
		this.jwtConverter = jwtConverter;
		this.identifier = identifier;
		this.entryPoint = new ProblemAuthenticationEntryPoint(identifier);
	}

	public HttpSecurity configure(HttpSecurity http) throws Exception {
		return configure(http, null);
	}

	/**
	 * As {@link #configure(HttpSecurity)}, with a bearer token that does not verify
	 * passed over, as if none had been sent, on {@code lenientPaths}: routes that are not
	 * about the access token (auth's register, login, refresh and logout).
	 * @param decoder the decoder the service verifies tokens with
	 */
	public HttpSecurity configure(HttpSecurity http, JwtDecoder decoder, String... lenientPaths) throws Exception {
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.anonymous((anonymous) -> {
			})
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(this.entryPoint)
				.accessDeniedHandler(new ProblemAccessDeniedHandler()))
			.oauth2ResourceServer((server) -> server.authenticationEntryPoint(this.entryPoint)
				.bearerTokenResolver(new OpenPathsBearerTokenResolver(OPEN_PATHS, lenientPaths, decoder))
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(this.jwtConverter))
				// Spring Security's RFC 9728 metadata claims certificate-bound tokens by
				// default; these are plain bearer tokens. Its resource is the request's
				// address unless one is configured, and ProtectedResourceMetadataGuard
				// lets the request through only when that address is the service's own.
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer((resource) -> {
					resource.tlsClientCertificateBoundAccessTokens(false);
					if (this.identifier.configured() != null) {
						resource.resource(this.identifier.configured());
					}
				}))
				// Keys that cannot be fetched mean 503, not a rethrown exception (a 500).
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(StorefrontSecurity.this.entryPoint::commence);
						return filter;
					}
				}))
			// Early, and so before the metadata filter, which comes just before
			// AbstractPreAuthenticatedProcessingFilter.
			.addFilterAfter(new ProtectedResourceMetadataGuard(this.identifier), HeaderWriterFilter.class)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(OPEN_PATHS).permitAll());
	}

}
