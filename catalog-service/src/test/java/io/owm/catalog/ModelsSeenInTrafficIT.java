package io.owm.catalog;

import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import io.owm.contracts.chat.ChatUser;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ModelsSeenInTrafficIT extends CatalogServiceTest {

    @Test
    void registersAModelSeenInTrafficWithTheDefaultPrices() {
        String model = "team.llama3:8b-" + UUID.randomUUID();
        kafka.send(Topics.CHAT_EVENTS.name(), "u1", new ChatStarted(UUID.randomUUID(), Instant.now(), "k",
                new ChatUser("u1", null, null, null), model, ChatRef.NONE, null));
        await().atMost(WAIT).untilAsserted(() -> http.get().uri("/api/v1/models?sync=false").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '%s')].input_price".formatted(model)).isEqualTo(2.5)
                .jsonPath("$[?(@.id == '%s')].base_model_id".formatted(model)).isEqualTo(model.substring(5))
                .jsonPath("$[?(@.id == '%s')].per_msg_price".formatted(model)).isEqualTo(-1));
    }
}
