package io.owm.catalog.web;

import io.owm.catalog.openwebui.OpenWebUiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Catalog errors in the API's shape: {@code {success: false, error, error_type}}. */
@RestControllerAdvice
class CatalogErrors {

    @ExceptionHandler(CatalogApiException.class)
    ResponseEntity<Map<String, Object>> catalogError(CatalogApiException e) {
        return ResponseEntity.status(e.status()).body(body(e.errorType(), e.getMessage()));
    }

    /** OpenWebUI failed us: a bad gateway, with the cause and what to check. */
    @ExceptionHandler(OpenWebUiException.class)
    ResponseEntity<Map<String, Object>> openWebUiError(OpenWebUiException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(body("openwebui_" + e.kind(), e.getMessage()));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, Object>> inputError(ServerWebInputException e) {
        return ResponseEntity.badRequest().body(body("invalid_request", e.getReason()));
    }

    static Map<String, Object> body(String errorType, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message);
        body.put("error_type", errorType);
        return body;
    }
}
