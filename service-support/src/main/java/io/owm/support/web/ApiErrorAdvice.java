package io.owm.support.web;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Every service's controllers answer failures in the contract's error shape: their own {@link ApiException}s,
 * input Spring could not read or convert (400 {@code invalid_request}, such as {@code page=abc}), and status
 * exceptions (their status, named). A service adds advice of its own only for its own kinds of failure.
 */
@RestControllerAdvice
public class ApiErrorAdvice {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> apiError(ApiException e) {
        return ResponseEntity.status(e.status()).body(ErrorBody.of(e));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, Object>> unreadableInput(ServerWebInputException e) {
        return ResponseEntity.badRequest().body(ErrorBody.of("invalid_request", e.getReason()));
    }

    /** The contract's names for the two the function API has always answered, the status's own name for others. */
    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Map<String, Object>> statusError(ResponseStatusException e) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        String errorType = switch (status) {
            case CONTENT_TOO_LARGE -> "payload_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            default -> status.name().toLowerCase();
        };
        return ResponseEntity.status(status).body(ErrorBody.of(errorType,
                e.getReason() == null ? status.getReasonPhrase() : e.getReason()));
    }
}
