package io.owm.support.security;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Refusals in the API contract's error shape, {@code {"success": false, "error": "...", "error_type": "..."}}, so
 * that a function or script that reads {@code error} learns why. Written by hand because they are sent from inside
 * the security filters, before any codec of the application runs.
 */
public final class SecurityAnswers {

    private SecurityAnswers() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String errorType, String message) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getHeaders().setCacheControl("no-store");
        String body = "{\"success\":false,\"error\":\"" + jsonEscape(message) + "\",\"error_type\":\""
                + jsonEscape(errorType) + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    private static String jsonEscape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
