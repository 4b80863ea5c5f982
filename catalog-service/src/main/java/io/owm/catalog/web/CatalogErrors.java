package io.owm.catalog.web;

import io.owm.catalog.openwebui.OpenWebUiException;
import io.owm.support.web.ErrorBody;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The catalog's own kind of failure; every other error is answered by the shared advice. */
@RestControllerAdvice
class CatalogErrors {

    /** OpenWebUI failed us: a bad gateway, with the cause and what to check. */
    @ExceptionHandler(OpenWebUiException.class)
    ResponseEntity<Map<String, Object>> openWebUiError(OpenWebUiException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(ErrorBody.of("openwebui_" + e.kind(), e.getMessage()));
    }
}
