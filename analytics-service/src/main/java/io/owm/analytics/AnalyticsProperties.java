package io.owm.analytics;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Analytics settings.
 *
 * @param topicPartitions partitions of the topics analytics creates ({@code OWM_TOPIC_PARTITIONS})
 * @param metricModelCap  models that get a label of their own in the business metrics; the rest share "other",
 *                        so a flood of made-up model names cannot grow Prometheus without bound
 * @param alertWebhookUrl where low-balance alerts are posted ({@code OWM_ALERT_WEBHOOK_URL}); empty for none
 * @param lowBalanceThreshold a balance falling below it is alerted once ({@code LOW_BALANCE_THRESHOLD}); 0 for none
 * @param alertRetryBackoff the first wait before a failed alert is posted again; it doubles for five tries
 * @param lagGroups       consumer groups whose lag analytics reads from the broker ({@code owm.kafka.group.lag})
 * @param lagInterval     how often it reads them; 0 for never
 */
@Validated
@ConfigurationProperties("owm.analytics")
public record AnalyticsProperties(
        @Positive int topicPartitions,
        @Positive int metricModelCap,
        @DefaultValue("") String alertWebhookUrl,
        @DefaultValue("0") @NotNull @PositiveOrZero BigDecimal lowBalanceThreshold,
        @DefaultValue("2s") @NotNull Duration alertRetryBackoff,
        @DefaultValue({"billing-service", "catalog-service", "analytics-service"}) @NotNull List<String> lagGroups,
        @DefaultValue("30s") @NotNull Duration lagInterval) {
}
