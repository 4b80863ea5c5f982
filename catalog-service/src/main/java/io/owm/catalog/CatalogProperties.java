package io.owm.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Catalog settings.
 *
 * @param openwebuiDomain        OpenWebUI's address as this service reaches it ({@code OPENWEBUI_DOMAIN}); empty
 *                               means model sync and tests are off, with an error that says so
 * @param openwebuiApiKey        an OpenWebUI API key of an admin ({@code OPENWEBUI_API_KEY})
 * @param defaultInputPrice      USD per million input tokens for new models ({@code DEFAULT_MODEL_INPUT_PRICE})
 * @param defaultOutputPrice     USD per million output tokens ({@code DEFAULT_MODEL_OUTPUT_PRICE})
 * @param defaultPerMessagePrice USD per message, negative for token pricing ({@code DEFAULT_MODEL_PER_MSG_PRICE})
 * @param maxPrice               the highest price accepted, per million tokens or per message: a typo guard
 * @param requestTimeout         how long a models request to OpenWebUI may take
 * @param testTimeout            how long one model's connectivity test may take
 * @param testConcurrency        how many models the all-models test calls at once
 * @param topicPartitions        partitions of the topics the catalog creates
 * @param outboxSweep            how often prices stored but not yet published (Kafka away, a crash after the
 *                               commit) are published again
 * @param groupSync              how often OpenWebUI's groups are synced for plans per group ({@code OWM_GROUP_SYNC});
 *                               {@code 0} turns it off
 */
@Validated
@ConfigurationProperties("owm.catalog")
public record CatalogProperties(
        @DefaultValue("") String openwebuiDomain,
        @DefaultValue("") String openwebuiApiKey,
        @NotNull BigDecimal defaultInputPrice,
        @NotNull BigDecimal defaultOutputPrice,
        @NotNull BigDecimal defaultPerMessagePrice,
        @DefaultValue("100000") @Positive BigDecimal maxPrice,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("60s") Duration testTimeout,
        @DefaultValue("4") @Min(1) @Max(32) int testConcurrency,
        int topicPartitions,
        @DefaultValue("5s") @NotNull Duration outboxSweep,
        @DefaultValue("5m") @NotNull Duration groupSync) {
}
