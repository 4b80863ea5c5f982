package io.owm.analytics.alerts;

import io.owm.analytics.AnalyticsProperties;
import io.owm.support.kafka.BatchRecords;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells the admins once when a user's balance falls below its threshold ({@link BalanceCrossing}): reads
 * {@code billing-events} in a consumer group of its own, so a slow or failing webhook delays only the alerts, never
 * the read model. Delivery is at least once: an alert posted just before a crash is posted again on redelivery.
 */
class LowBalanceAlerts {

    private final LowBalanceWebhook webhook;
    private final BigDecimal threshold;

    LowBalanceAlerts(LowBalanceWebhook webhook, AnalyticsProperties properties) {
        this.webhook = webhook;
        this.threshold = properties.lowBalanceThreshold();
    }

    @KafkaListener(id = "analytics-alerts", groupId = "analytics-alerts",
            topics = "#{T(io.owm.contracts.Topics).BILLING_EVENTS.name()}", batch = "true")
    void onEvents(List<ConsumerRecord<String, Object>> records) {
        BatchRecords.applyUpToPoison(records, decodable -> Flux.fromIterable(decodable)
                .map(ConsumerRecord::value)
                .filter(Objects::nonNull)
                .concatMap(fact -> BalanceCrossing.of(fact, threshold).map(webhook::post)
                        .orElse(Mono.empty()))
                .blockLast());
    }
}
