package io.owm.gateway.web;

import io.owm.support.web.ErrorBody;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.KafkaException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The gateway's own kind of failure; every other error is answered by the shared advice. */
@RestControllerAdvice
class FunctionApiErrors {

    /** Kafka did not take the event: nothing is durable, so the caller must know it failed. */
    @ExceptionHandler(KafkaException.class)
    ResponseEntity<Map<String, Object>> kafkaUnavailable(KafkaException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(ErrorBody.of("billing_unavailable", "The event bus did not accept the request; try again"));
    }
}
