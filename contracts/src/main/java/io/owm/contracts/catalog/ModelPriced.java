package io.owm.contracts.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The prices in force for a model, published to the compacted {@code model-prices} topic keyed by model id.
 * The latest record per model is the current price; billing keeps a local replica.
 *
 * @param inputPrice      USD per million input tokens
 * @param outputPrice     USD per million output tokens
 * @param perMessagePrice USD per message when {@code >= 0}; negative means token pricing
 */
public record ModelPriced(
        UUID eventId,
        Instant occurredAt,
        String modelId,
        BigDecimal inputPrice,
        BigDecimal outputPrice,
        BigDecimal perMessagePrice) {

    public static final String TYPE = "ModelPriced";
}
