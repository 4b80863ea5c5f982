package io.owm.catalog;

import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import io.owm.contracts.chat.ChatUser;
import io.owm.testsupport.KafkaProbe;
import io.owm.testsupport.PoisonChecks;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A chat event the catalog cannot decode goes to chat-events-dlt; the events after it are still read. */
class PoisonChatEventsIT extends CatalogServiceTest {

    @Test
    void anUndecodableChatEventIsDeadLetteredAndTheNextIsApplied() {
        KafkaProbe.Collector deadLetters = kafka.collect(Topics.CHAT_EVENTS.deadLetter());
        String key = PoisonChecks.sendUndecodable(kafka, Topics.CHAT_EVENTS.name(), ChatStarted.TYPE);
        String model = "after-poison-" + UUID.randomUUID();
        kafka.send(Topics.CHAT_EVENTS.name(), key, new ChatStarted(UUID.randomUUID(), Instant.now(), "k",
                new ChatUser(key, null, null, null), model, ChatRef.NONE, null));

        PoisonChecks.awaitDeadLetter(deadLetters, key, WAIT);
        await().atMost(WAIT).untilAsserted(() -> http.get().uri("/api/v1/models?sync=false").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == '%s')].id".formatted(model)).isEqualTo(model));
    }
}
