package io.owm.analytics.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Renders panel API errors as the rest of the system does, {@code {success, error, error_type}}, plus the name of
 * the offending parameter so a script can tell which one to fix.
 */
@RestControllerAdvice
class PanelErrors {

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<Map<String, Object>> badParameter(BadParameterException e) {
        Map<String, Object> body = body("invalid_request", e.getMessage());
        body.put("parameter", e.parameter());
        return ResponseEntity.badRequest().body(body);
    }

    /** Parameters Spring could not convert, such as {@code limit=abc}. */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, Object>> inputError(ServerWebInputException e) {
        return ResponseEntity.badRequest().body(body("invalid_request", e.getReason()));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Map<String, Object>> statusError(ResponseStatusException e) {
        HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
        return ResponseEntity.status(status)
                .body(body(status.name().toLowerCase(), e.getReason() == null ? status.getReasonPhrase() : e.getReason()));
    }

    private static Map<String, Object> body(String errorType, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message);
        body.put("error_type", errorType);
        return body;
    }
}
