package io.owm.contracts.catalog;

import java.time.Instant;
import java.util.UUID;

/** The result of one connectivity test of a model through OpenWebUI. */
public record ModelTested(
        UUID eventId,
        Instant occurredAt,
        String modelId,
        boolean ok,
        long latencyMillis,
        String error) {

    public static final String TYPE = "ModelTested";
}
