package io.owm.catalog.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One model's connectivity test.
 *
 * @param answer the model's reply when it answered
 * @param error  what went wrong otherwise, with {@code errorType} its kind
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestResult(
        String model,
        boolean ok,
        @JsonProperty("latency_ms") long latencyMillis,
        String answer,
        String error,
        @JsonProperty("error_type") String errorType) {
}
