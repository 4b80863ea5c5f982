package io.owm.gateway.console;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Browser hardening for the admin console, which handles the admin token. The policy allows scripts and styles
 * from the gateway only (no inline code, so an injected {@code <script>} or {@code onclick} does not run), calls to
 * the gateway only, and no framing (click-jacking). Model icons come from OpenWebUI or the web, hence
 * {@code img-src https: data:}. Headers are set before commit so that they also cover answers routed from the
 * other services and error pages.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleSecurityHeaders implements WebFilter {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' https: data:",
            "connect-src 'self'",
            "font-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /*
     * Swagger UI (the OpenAPI explorer, /api-docs/ui) sets style attributes in its markup; it handles no token of
     * the console's (the admin pastes one into it), so its pages may have inline styles, nothing more.
     */
    static final String API_EXPLORER_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'",
            "style-src 'self' 'unsafe-inline'");

    /** Matched on the parsed path, as the routes are. */
    private static final List<PathPattern> API_EXPLORER = List.of(
            PathPatternParser.defaultInstance.parse("/api-docs/ui/**"),
            PathPatternParser.defaultInstance.parse("/webjars/swagger-ui/**"));

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var response = exchange.getResponse();
        response.beforeCommit(() -> {
            HttpHeaders headers = response.getHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Content-Security-Policy", isApiExplorer(exchange) ? API_EXPLORER_POLICY
                    : CONTENT_SECURITY_POLICY);
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static boolean isApiExplorer(ServerWebExchange exchange) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        return API_EXPLORER.stream().anyMatch(pattern -> pattern.matches(path));
    }
}
