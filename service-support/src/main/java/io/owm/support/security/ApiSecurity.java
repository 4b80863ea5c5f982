package io.owm.support.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/** What every filter chain of this system shares: a stateless API of bearer keys, no browser log-in machinery. */
public final class ApiSecurity {

    /**
     * The actuator paths probes and Prometheus use. They exist only on the management port; the API port has no
     * handler for them.
     */
    public static final String[] MANAGEMENT_PATHS = {
            "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info"};

    private ApiSecurity() {
    }

    /**
     * No sessions, no saved requests, no log-in pages, no CSRF tokens (no cookie carries a credential: every call
     * sends its key), and no security headers of Spring's: the gateway sets its own for the console.
     */
    public static ServerHttpSecurity withoutBrowserFeatures(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .headers(ServerHttpSecurity.HeaderSpec::disable);
    }
}
