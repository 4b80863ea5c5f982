package io.owm.gateway.auth;

import io.owm.gateway.GatewayProperties;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Puts the internal token ({@code OWM_INTERNAL_TOKEN}) on every call the gateway sends to billing, catalog and
 * analytics: routed admin calls, where it replaces the admin's own token (which the services neither need nor
 * accept), and the gateway's own calls (backups, the API description), through every {@code WebClient} built
 * here. The gateway calls no other host, so no client here goes without it.
 */
@Component
class InternalCredential implements GlobalFilter, Ordered, WebClientCustomizer {

    private final String authorization;

    InternalCredential(GatewayProperties properties) {
        this.authorization = "Bearer " + properties.internalToken();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        var routed = exchange.getRequest().mutate()
                .headers(headers -> headers.set(HttpHeaders.AUTHORIZATION, authorization))
                .build();
        return chain.filter(exchange.mutate().request(routed).build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void customize(WebClient.Builder builder) {
        builder.defaultHeader(HttpHeaders.AUTHORIZATION, authorization);
    }
}
