package io.owm.gateway.web;

import java.util.Map;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.KafkaException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

/** Turns every failure of the function API into the contract's error shape with a precise status. */
@RestControllerAdvice
class FunctionApiErrors {

    @ExceptionHandler(FunctionApiException.class)
    ResponseEntity<Map<String, Object>> functionApi(FunctionApiException e) {
        Map<String, Object> body = ErrorBodies.body(e.errorType(), e.getMessage());
        if (e.parameter() != null) {
            body.put("parameter", e.parameter());
        }
        return ResponseEntity.status(e.status()).body(body);
    }

    /** Kafka did not take the event: nothing is durable, so the caller must know it failed. */
    @ExceptionHandler(KafkaException.class)
    ResponseEntity<Map<String, Object>> kafkaUnavailable(KafkaException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(ErrorBodies.body("billing_unavailable", "The event bus did not accept the request; try again"));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, Object>> unreadableBody(ServerWebInputException e) {
        if (causedBy(e, DecodingException.class)) {
            return ResponseEntity.badRequest()
                    .body(ErrorBodies.body("invalid_json", "The request body is not valid JSON"));
        }
        return ResponseEntity.badRequest().body(ErrorBodies.body("invalid_request", e.getReason()));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
