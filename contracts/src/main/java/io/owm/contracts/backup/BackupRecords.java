package io.owm.contracts.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * The rows of a backup as the gateway hands them to the services that own them ({@code POST /internal/import})
 * and as the services export them ({@code GET /internal/backup}). Field names follow the original app's tables.
 */
public final class BackupRecords {

    private BackupRecords() {
    }

    /** A user and the balance the backup says they have. */
    public record User(
            String id,
            String email,
            String name,
            String role,
            BigDecimal balance,
            boolean deleted,
            @JsonProperty("created_at") OffsetDateTime createdAt) {
    }

    /** One entry of the exported installation's ledger, kept as history by the importing one. */
    public record LedgerEntry(
            long id,
            @JsonProperty("user_id") String userId,
            BigDecimal amount,
            @JsonProperty("balance_after") BigDecimal balanceAfter,
            String reason,
            String cause,
            String actor,
            String note,
            @JsonProperty("created_at") OffsetDateTime createdAt) {
    }

    /** A model and its prices. */
    public record Model(
            String id,
            String name,
            @JsonProperty("base_model_id") String baseModelId,
            @JsonProperty("image_url") String imageUrl,
            @JsonProperty("system_prompt") String systemPrompt,
            @JsonProperty("input_price") BigDecimal inputPrice,
            @JsonProperty("output_price") BigDecimal outputPrice,
            @JsonProperty("per_msg_price") BigDecimal perMessagePrice,
            @JsonProperty("updated_at") OffsetDateTime updatedAt) {
    }

    /**
     * One charged chat. {@code key} identifies it across imports: the charge's event id for this system's
     * exports, {@code original:<id>:<user>:<time>} for the original app's records.
     */
    public record UsageRecord(
            String key,
            @JsonProperty("user_id") String userId,
            String nickname,
            @JsonProperty("use_time") OffsetDateTime useTime,
            @JsonProperty("model_name") String modelName,
            @JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens,
            BigDecimal cost,
            @JsonProperty("balance_after") BigDecimal balanceAfter) {
    }
}
