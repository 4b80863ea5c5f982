package io.owm.catalog.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A model in the original app's shape. */
record ModelView(
        String id,
        @JsonProperty("base_model_id") String baseModelId,
        String name,
        String imageUrl,
        @JsonProperty("system_prompt") String systemPrompt,
        @JsonProperty("input_price") BigDecimal inputPrice,
        @JsonProperty("output_price") BigDecimal outputPrice,
        @JsonProperty("per_msg_price") BigDecimal perMessagePrice,
        boolean active,
        @JsonProperty("updated_at") OffsetDateTime updatedAt) {
}
