package io.storefront.web.security;

import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

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

	private final ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();

	public StorefrontSecurity(JwtAuthenticationConverter jwtConverter) {
		this.jwtConverter = jwtConverter;
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
				// default; these are plain bearer tokens.
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer(
						(resource) -> resource.tlsClientCertificateBoundAccessTokens(false)))
				// Keys that cannot be fetched mean 503, not a rethrown exception (a 500).
				.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
					@Override
					public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(StorefrontSecurity.this.entryPoint::commence);
						return filter;
					}
				}))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(OPEN_PATHS).permitAll());
	}

}
