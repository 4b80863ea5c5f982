package io.owm.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatStarted;
import io.owm.testsupport.KafkaProbe;
import io.owm.testsupport.TestBroker;
import io.owm.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway alone on a real broker, with no billing running: what it publishes, what it refuses, and what it
 * answers when billing does not answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "owm.gateway.api-key=function-key",
        "owm.gateway.access-token=admin-token",
        "owm.gateway.reply-timeout=500ms",
        "owm.gateway.max-body-size=64KB",
        "owm.gateway.topic-partitions=3"})
// The 5 s default is a hang guard that a cold JVM on a busy 2-core CI machine can overrun (ConsoleIT did, stop 14).
@AutoConfigureWebTestClient(timeout = "PT30S")
class FunctionApiIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
    }

    @RegisterExtension
    static final TestBroker kafka = new TestBroker();
    private KafkaProbe.Collector chatEvents;

    @Autowired
    WebTestClient http;

    @LocalManagementPort
    int managementPort;

    @BeforeEach
    void listen() {
        chatEvents = kafka.collect(Topics.CHAT_EVENTS.name());
    }

    @Test
    void publishesAnInletWithoutSecretsAndAnswersPendingWhenBillingIsAway() {
        post("/api/v1/inlet", "function-key", """
                {"user": {"id": "u1", "email": "a@b.c", "name": "Ann", "role": "user", "api_key": "sk-secret",
                          "settings": {"ui": {}}, "oauth_sub": "sub-1", "valves": {"x": 1}},
                 "body": {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}],
                          "metadata": {"chat_id": "c1", "message_id": "m1", "session_id": "s1"}}}
                """)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.balance").isEqualTo(0)
                .jsonPath("$.pending").isEqualTo(true);

        ChatStarted started = await().atMost(Duration.ofSeconds(10))
                .until(() -> chatEvents.values(ChatStarted.class), list -> !list.isEmpty()).get(0);
        assertThat(started.user().id()).isEqualTo("u1");
        assertThat(started.chat().chatId()).isEqualTo("c1");
        assertThat(started.chat().messageId()).isEqualTo("m1");
        assertThat(chatEvents.records().get(0).key()).isEqualTo("u1");
        assertThat(new String(chatEvents.records().get(0).headers().lastHeader("__TypeId__").value()))
                .isEqualTo("ChatStarted");
    }

    @Test
    void countsTokensWhenTheModelReportedNoUsageAndAnswersPendingWithNumbers() {
        post("/api/v1/outlet", "function-key", """
                {"user": {"id": "u2"},
                 "body": {"model": "m", "chat_id": "c2", "id": "m2", "messages": [
                    {"role": "user", "content": [{"type": "text", "text": "Hello there"},
                                                 {"type": "image_url", "image_url": {"url": "data:x"}}]},
                    {"role": "assistant", "content": "Hello! How can I help you today?"}]}}
                """)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.inputTokens").isEqualTo(2)
                .jsonPath("$.outputTokens").isEqualTo(9)
                .jsonPath("$.totalCost").isEqualTo(0)
                .jsonPath("$.newBalance").isEqualTo(0)
                .jsonPath("$.pending").isEqualTo(true);

        ChatCompleted completed = await().atMost(Duration.ofSeconds(10))
                .until(() -> chatEvents.values(ChatCompleted.class), list -> !list.isEmpty()).get(0);
        assertThat(completed.tokensEstimated()).isTrue();
        assertThat(completed.chat().messageId()).isEqualTo("m2");
    }

    @Test
    void takesReportedUsageAndPrefersWholeReplyCounts() {
        post("/api/v1/outlet", "function-key", """
                {"user": {"id": "u3"},
                 "body": {"model": "m", "messages": [{"role": "user", "content": "q"},
                    {"role": "assistant", "content": "a",
                     "usage": {"prompt_tokens": 10, "completion_tokens": 5, "input_tokens": 30, "output_tokens": 12}}]}}
                """)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.inputTokens").isEqualTo(30)
                .jsonPath("$.outputTokens").isEqualTo(12);
    }

    @Test
    void refusesAWrongKeyAndKeepsTheTwoKeysApart() {
        String body = "{\"user\":{\"id\":\"u\"},\"body\":{\"model\":\"m\",\"messages\":[]}}";
        post("/api/v1/inlet", "wrong", body).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.success").isEqualTo(false).jsonPath("$.error_type").isEqualTo("unauthorized");
        post("/api/v1/inlet", "admin-token", body).expectStatus().isUnauthorized();
        http.get().uri("/api/v1/users").header("Authorization", "Bearer function-key").exchange()
                .expectStatus().isUnauthorized();
        http.post().uri("/api/v1/inlet").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void rejectsBadInputWithTheReasonAndPublishesNothing() {
        post("/api/v1/inlet", "function-key", "{not json").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_type").isEqualTo("invalid_json");
        post("/api/v1/inlet", "function-key", "{\"user\":{},\"body\":{\"model\":\"m\"}}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("user.id is required");
        post("/api/v1/inlet", "function-key", "{\"user\":{\"id\":\"u\"},\"body\":{}}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("body.model is required");
        post("/api/v1/outlet", "function-key", "{\"user\":{\"id\":\"u\"},\"body\":{\"model\":\"m\",\"messages\":[]}}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("body.messages must hold at least the assistant reply");
        String huge = "{\"user\":{\"id\":\"u\"},\"body\":{\"model\":\"m\",\"messages\":[{\"content\":\""
                + "x".repeat(100_000) + "\"}]}}";
        post("/api/v1/outlet", "function-key", huge).expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.error_type").isEqualTo("payload_too_large");

        // A valid request afterwards is the only event on the topic.
        post("/api/v1/inlet", "function-key", "{\"user\":{\"id\":\"ok\"},\"body\":{\"model\":\"m\"}}")
                .expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).until(() -> !chatEvents.values().isEmpty());
        assertThat(chatEvents.values(ChatStarted.class)).extracting(e -> e.user().id()).containsExactly("ok");
    }

    @Test
    void aPendingInletOfAUserHeardToBeBlockedIsRefused() {
        String user = "u-heard-blocked-" + UUID.randomUUID();
        String inlet = """
                {"user": {"id": "%s"}, "body": {"model": "m", "metadata": {"chat_id": "c", "message_id": "m"}}}
                """.formatted(user);
        // No billing here: every inlet is pending, and a user the gateway heard is blocked must not be admitted. The
        // block is sent again each round, in case the gateway's reply consumer had not started reading yet.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            kafka.broadcast(Topics.BILLING_REPLIES.name(), user, new UserBlocked(UUID.randomUUID(), Instant.now(), user,
                    "admin"));
            post("/api/v1/inlet", "function-key", inlet).expectStatus().isOk().expectBody()
                    .jsonPath("$.pending").isEqualTo(true)
                    .jsonPath("$.balance").isEqualTo(-1);
        });
    }

    @Test
    void servesHealthOnTheManagementPortOnlyAndOpenForProbes() {
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isNotFound();
        http.get().uri("/actuator/prometheus").header("Authorization", "Bearer admin-token").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void refusesIdsThatBillingCouldNotStoreNamingTheField() {
        post("/api/v1/outlet", "function-key", """
                {"user": {"id": "u-nul"}, "body": {"model": "m", "chat_id": "c", "id": "m\\u0000x",
                 "messages": [{"role": "assistant", "content": "hi"}]}}""")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error_type").isEqualTo("invalid_request")
                .jsonPath("$.parameter").isEqualTo("body.id");
        post("/api/v1/inlet", "function-key", "{\"user\":{\"id\":\"" + "u".repeat(257) + "\"},\"body\":{\"model\":\"m\"}}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("user.id");
        post("/api/v1/outlet", "function-key", """
                {"user": {"id": "u-big"}, "body": {"model": "m", "messages": [{"role": "assistant", "content": "hi",
                 "usage": {"prompt_tokens": 100000001, "completion_tokens": 1}}]}}""")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("body.messages[-1].usage.prompt_tokens");
    }

    private WebTestClient.ResponseSpec post(String path, String key, String body) {
        return http.post().uri(path)
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
