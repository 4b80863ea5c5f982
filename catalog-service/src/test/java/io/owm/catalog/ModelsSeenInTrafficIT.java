package io.owm.catalog;

import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import io.owm.contracts.chat.ChatUser;
import io.owm.testsupport.KafkaProbe;
import io.owm.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"owm.catalog.topic-partitions=3", "owm.catalog.default-input-price=2.5"})
@AutoConfigureWebTestClient
class ModelsSeenInTrafficIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "catalog_it");
    }

    @Autowired
    WebTestClient http;

    @Test
    void registersAModelSeenInTrafficWithTheDefaultPrices() {
        String model = "team.llama3:8b-" + UUID.randomUUID();
        try (KafkaProbe kafka = KafkaProbe.onTestBroker()) {
            kafka.send(Topics.CHAT_EVENTS.name(), "u1", new ChatStarted(UUID.randomUUID(), Instant.now(), "k",
                    new ChatUser("u1", null, null, null), model, ChatRef.NONE));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/api/v1/models").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[?(@.id == '%s')].input_price".formatted(model)).isEqualTo(2.5)
                .jsonPath("$[?(@.id == '%s')].base_model_id".formatted(model)).isEqualTo(model.substring(5))
                .jsonPath("$[?(@.id == '%s')].per_msg_price".formatted(model)).isEqualTo(-1));
    }
}
