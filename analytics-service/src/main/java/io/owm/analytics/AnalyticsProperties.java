package io.owm.analytics;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Analytics settings.
 *
 * @param topicPartitions partitions of the topics analytics creates ({@code OWM_TOPIC_PARTITIONS})
 * @param metricModelCap  models that get a label of their own in the business metrics; the rest share "other",
 *                        so a flood of made-up model names cannot grow Prometheus without bound
 */
@Validated
@ConfigurationProperties("owm.analytics")
public record AnalyticsProperties(@Positive int topicPartitions, @Positive int metricModelCap) {
}
