package io.owm.gateway.web;

import io.owm.support.security.SecurityAnswers;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Errors raised before a controller runs (a body over the size limit, a wrong content type) still answer in
 * the contract's error shape on the function API, instead of Spring's default error page.
 */
@Component
@Order(-2)
class StatusErrorHandler implements WebExceptionHandler {

    /** Matched on the parsed path, as the routes are, never on the raw path string. */
    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/v1/**");

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (!(failure instanceof ResponseStatusException status)
                || !API.matches(exchange.getRequest().getPath().pathWithinApplication())
                || exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
        if (code == HttpStatus.CONTENT_TOO_LARGE) {
            return SecurityAnswers.write(exchange, code, "payload_too_large",
                    "The request body is larger than the gateway accepts");
        }
        if (code == HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
            return SecurityAnswers.write(exchange, code, "unsupported_media_type", "Send the request as application/json");
        }
        if (code != null && code.is4xxClientError()) {
            return SecurityAnswers.write(exchange, code, "invalid_request", String.valueOf(status.getReason()));
        }
        return Mono.error(failure);
    }
}
