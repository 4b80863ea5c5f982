package io.owm.gateway.auth;

import io.owm.gateway.GatewayProperties;
import io.owm.support.security.ApiSecurity;
import io.owm.support.security.BearerKeyAuthentication;
import io.owm.support.security.EdgeFirewallConfiguration;
import io.owm.support.security.KeyHolder;
import io.owm.support.security.SecurityAnswers;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may do what at the public edge, decided on the request as it is routed: the path matchers read the same
 * parsed path the controllers and the gateway's route predicates match, after the canonical-path firewall has
 * refused every path with a second spelling. Two keys, two doors: the function API takes only {@code API_KEY};
 * the admin API (every other {@code /api/} route, routed to the services or the gateway's own) takes only
 * {@code ACCESS_TOKEN}. Public are the console's static files (they hold no data: the console asks for the token
 * and sends it with each call) and the API description. Everything else is refused, so a route added later is
 * closed until it is listed here. Health and metrics are allowed by path because the management port shares
 * these filters; they are served there only, and this port has no handler for them (404).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@Import(EdgeFirewallConfiguration.class)
class EdgeSecurity {

    static final String FUNCTION = "FUNCTION";
    static final String ADMIN = "ADMIN";

    private static final String[] FUNCTION_API = {"/api/v1/inlet", "/api/v1/outlet", "/api/v1/usage"};
    private static final String[] PUBLIC_FILES = {"/", "/index.html", "/api-docs.html", "/console/**", "/webjars/**",
            "/function/**", "/favicon.ico", "/api-docs/ui", "/v3/api-docs", "/v3/api-docs/**"};

    @Bean
    SecurityWebFilterChain edge(ServerHttpSecurity http, GatewayProperties properties, RequiredSecrets checked) {
        var keys = BearerKeyAuthentication.filter(List.of(
                KeyHolder.of(properties.apiKey(), FUNCTION),
                KeyHolder.of(properties.accessToken(), ADMIN)));
        return ApiSecurity.withoutBrowserFeatures(http)
                .addFilterAt(keys, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers(HttpMethod.POST, FUNCTION_API).hasAuthority(FUNCTION)
                        .pathMatchers("/api/**").hasAuthority(ADMIN)
                        .pathMatchers(HttpMethod.GET, PUBLIC_FILES).permitAll()
                        .pathMatchers(HttpMethod.HEAD, PUBLIC_FILES).permitAll()
                        .pathMatchers(HttpMethod.GET, ApiSecurity.MANAGEMENT_PATHS).permitAll()
                        .anyExchange().denyAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(refusal())
                        .accessDeniedHandler(refusal()))
                .build();
    }

    /**
     * One answer for a missing key, a wrong key and the other key: 401 naming the key the route takes, so the
     * original function's "unauthorized" handling keeps working. A path on no list is refused the same way.
     */
    private static Refusal refusal() {
        return new Refusal();
    }

    private static final class Refusal implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

        private static final PathPatternParserServerWebExchangeMatcher FUNCTION_PATHS =
                new PathPatternParserServerWebExchangeMatcher("/api/v1/{call:inlet|outlet|usage}");

        @Override
        public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException denied) {
            return refuse(exchange);
        }

        @Override
        public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
            return refuse(exchange);
        }

        private Mono<Void> refuse(ServerWebExchange exchange) {
            return FUNCTION_PATHS.matches(exchange).flatMap(function -> SecurityAnswers.write(exchange,
                    HttpStatus.UNAUTHORIZED, "unauthorized", "Missing or wrong bearer key: this path takes "
                            + (function.isMatch() ? "the function API key (API_KEY)"
                                    : "the admin access token (ACCESS_TOKEN)")));
        }
    }
}
