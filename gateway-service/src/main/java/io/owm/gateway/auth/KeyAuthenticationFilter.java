package io.owm.gateway.auth;

import io.owm.gateway.GatewayProperties;
import io.owm.gateway.web.ErrorBodies;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Two keys, two doors: the function API ({@code /api/v1/inlet}, {@code /api/v1/outlet}) takes only
 * {@code API_KEY}; every other {@code /api/} path (the admin API, routed to the services, and the gateway's own
 * {@code /api/v1/config/*}) takes only {@code ACCESS_TOKEN}. Everything outside {@code /api/} is open: the admin
 * console's static files (they hold no data; the console asks for the token and sends it with each API call),
 * and health and metrics for probes and Prometheus.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class KeyAuthenticationFilter implements WebFilter {

    private static final Set<String> FUNCTION_PATHS = Set.of("/api/v1/inlet", "/api/v1/outlet");

    private final BearerKey functionKey;
    private final BearerKey adminToken;
    private final ErrorBodies errors;

    KeyAuthenticationFilter(GatewayProperties properties, ErrorBodies errors) {
        this.functionKey = new BearerKey(properties.apiKey());
        this.adminToken = new BearerKey(properties.accessToken());
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        boolean functionPath = FUNCTION_PATHS.contains(path);
        BearerKey required = functionPath ? functionKey : adminToken;
        if (required.matches(authorization)) {
            return chain.filter(exchange);
        }
        String what = functionPath ? "the function API key (API_KEY)" : "the admin access token (ACCESS_TOKEN)";
        return errors.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized",
                "Missing or wrong bearer key: this path takes " + what);
    }
}
