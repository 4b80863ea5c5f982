package io.owm.billing.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Renders admin API errors as the gateway renders function API errors: {@code {success, error, error_type}}. */
@RestControllerAdvice
class AdminErrors {

    @ExceptionHandler(AdminApiException.class)
    ResponseEntity<Map<String, Object>> adminError(AdminApiException e) {
        return ResponseEntity.status(e.status()).body(body(e.errorType(), e.getMessage()));
    }

    /** Unparsable query parameters, such as {@code page=abc}. */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, Object>> inputError(ServerWebInputException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(body("invalid_request", e.getReason()));
    }

    private static Map<String, Object> body(String errorType, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message);
        body.put("error_type", errorType);
        return body;
    }
}
