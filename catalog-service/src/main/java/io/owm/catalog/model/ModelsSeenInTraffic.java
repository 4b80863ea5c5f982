package io.owm.catalog.model;

import io.owm.contracts.chat.ChatEvent;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.Objects;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Registers every model that chats use, so an admin can price it even before OpenWebUI lists it. */
@Component
class ModelsSeenInTraffic {

    private final Models models;

    ModelsSeenInTraffic(Models models) {
        this.models = models;
    }

    @KafkaListener(id = "catalog-chat-events", topics = "chat-events", idIsGroup = false, batch = "true")
    void onChatEvents(List<ConsumerRecord<String, Object>> records) {
        Flux.fromIterable(records)
                .mapNotNull(ConsumerRecord::value)
                .filter(ChatEvent.class::isInstance)
                .map(event -> ((ChatEvent) event).model())
                .filter(Objects::nonNull)
                .distinct()
                .concatMap(models::registerSeen)
                .blockLast();
    }
}
