package io.owm.catalog.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A model in the original app's shape, plus {@code active}: false once OpenWebUI no longer lists it. */
public record ModelView(
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

    /** A derived model: its base is another model whose prices it may copy. */
    public boolean isDerived() {
        return baseModelId != null && !baseModelId.equals(id);
    }
}
