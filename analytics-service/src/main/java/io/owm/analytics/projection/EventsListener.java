package io.owm.analytics.projection;

import io.owm.support.kafka.BatchRecords;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The live projection: applies each poll of {@code billing-events} and {@code model-tests} to the read model
 * before the container commits the offsets, and feeds the business metrics with the events that were new. Every
 * write is idempotent on the event id and the tables are independent, so the order inside a poll does not matter.
 */
@Component
class EventsListener {

    private final ReadModel readModel;
    private final BusinessMetrics metrics;

    EventsListener(ReadModel readModel, BusinessMetrics metrics) {
        this.readModel = readModel;
        this.metrics = metrics;
    }

    @KafkaListener(id = "analytics-events", topics = {"#{T(io.owm.contracts.Topics).BILLING_EVENTS.name()}",
            "#{T(io.owm.contracts.Topics).MODEL_TESTS.name()}"}, idIsGroup = false,
            batch = "true")
    void onEvents(List<ConsumerRecord<String, Object>> records) {
        BatchRecords.applyUpToPoison(records, decodable -> {
            List<Object> events = decodable.stream().map(ConsumerRecord::value).filter(Objects::nonNull).toList();
            readModel.applyAll(events).doOnNext(newEvents -> newEvents.forEach(metrics::record)).block();
        });
    }
}
