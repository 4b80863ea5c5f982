package io.owm.analytics.projection;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The live projection: applies each poll of {@code billing-events} and {@code model-tests} to the read model, in
 * order, before the container commits the offsets, and feeds the business metrics with the events that were new.
 */
@Component
class EventsListener {

    private final ReadModel readModel;
    private final BusinessMetrics metrics;

    EventsListener(ReadModel readModel, BusinessMetrics metrics) {
        this.readModel = readModel;
        this.metrics = metrics;
    }

    @KafkaListener(id = "analytics-events", topics = {"billing-events", "model-tests"}, idIsGroup = false,
            batch = "true")
    void onEvents(List<ConsumerRecord<String, Object>> records) {
        Flux.fromIterable(records)
                .mapNotNull(ConsumerRecord::value)
                .concatMap(event -> readModel.apply(event)
                        .filter(Boolean::booleanValue)
                        .doOnNext(isNew -> metrics.record(event)))
                .blockLast();
    }
}
