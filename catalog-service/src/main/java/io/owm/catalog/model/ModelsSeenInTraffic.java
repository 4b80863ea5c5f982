package io.owm.catalog.model;

import io.owm.contracts.chat.ChatEvent;
import io.owm.support.kafka.BatchRecords;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Registers every model that chats use, so an admin can price it even before OpenWebUI lists it. */
@Component
class ModelsSeenInTraffic {

    /** Bounds the memory of {@link #registered}; models beyond it are still registered, just asked again. */
    static final int MAX_REMEMBERED = 10_000;

    private final Models models;
    /*
     * Models already registered by this instance. A registered model stays registered (models are never deleted and
     * the seen-in-traffic mark is never cleared), so every chat event after the first of a model skips the
     * database: under load this listener otherwise writes once per chat event and competes for the cores that
     * the charge path needs.
     */
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    ModelsSeenInTraffic(Models models) {
        this.models = models;
    }

    @KafkaListener(id = "catalog-chat-events",
            topics = "#{T(io.owm.contracts.Topics).CHAT_EVENTS.name()}", idIsGroup = false, batch = "true")
    void onChatEvents(List<ConsumerRecord<String, Object>> records) {
        BatchRecords.applyUpToPoison(records, decodable -> Flux.fromIterable(decodable)
                .mapNotNull(ConsumerRecord::value)
                .filter(ChatEvent.class::isInstance)
                .map(event -> ((ChatEvent) event).model())
                .filter(Objects::nonNull)
                .distinct()
                .filter(model -> !registered.contains(model))
                .concatMap(model -> models.registerSeen(model).thenReturn(model))
                .doOnNext(this::remember)
                .blockLast());
    }

    private void remember(String model) {
        if (registered.size() < MAX_REMEMBERED) {
            registered.add(model);
        }
    }
}
