package io.owm.gateway;

import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatEvent;
import io.owm.contracts.chat.ChatStarted;
import io.owm.testsupport.KafkaProbe;
import io.owm.testsupport.TestBroker;
import io.owm.testsupport.TestInfrastructure;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The function API when billing answers: the test stands in for billing, reading what the gateway publishes and
 * replying on {@code billing-events} as billing would; the gateway must answer with billing's numbers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "owm.gateway.api-key=function-key",
        "owm.gateway.access-token=admin-token",
        "owm.gateway.reply-timeout=20s",
        "owm.gateway.inlet-without-answer=admit",
        "owm.gateway.topic-partitions=3"})
@AutoConfigureWebTestClient(timeout = "PT30S")
class AnsweredPathIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final TestBroker kafka = new TestBroker();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
    }

    @Autowired
    WebTestClient http;

    private KafkaProbe.Collector chatEvents;

    @BeforeEach
    void listen() {
        chatEvents = kafka.collect(Topics.CHAT_EVENTS.name());
    }

    @Test
    void anOutletIsAnsweredWithBillingsCostAndBalance() {
        String user = "u-answered-" + UUID.randomUUID();
        CompletableFuture<Void> billing = CompletableFuture.runAsync(() -> {
            ConsumerRecord<String, Object> request = published(ChatCompleted.class, user);
            ChatCompleted outlet = (ChatCompleted) request.value();
            kafka.send(Topics.BILLING_REPLIES.name(), replyPartition(request), user, new ChatCharged(UUID.randomUUID(), Instant.now(), user,
                    outlet.eventId(), outlet.requestKey(), "Ann", outlet.model(), outlet.inputTokens(),
                    outlet.outputTokens(), false, new BigDecimal("0.0123"), BigDecimal.ZERO, new BigDecimal("9.9877"),
                    BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE.negate()));
        });

        post("/api/v1/outlet", """
                {"user": {"id": "%s", "name": "Ann"}, "body": {"model": "gpt-4o", "chat_id": "c", "id": "m",
                 "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello",
                 "usage": {"prompt_tokens": 12, "completion_tokens": 3}}]}}""".formatted(user))
                .expectBody()
                .jsonPath("$.success").isEqualTo(true)
                .jsonPath("$.pending").doesNotExist()
                .jsonPath("$.inputTokens").isEqualTo(12)
                .jsonPath("$.outputTokens").isEqualTo(3)
                .jsonPath("$.totalCost").isEqualTo(0.0123)
                .jsonPath("$.newBalance").isEqualTo(9.9877);
        billing.join();
    }

    @Test
    void anInletOfABlockedUserIsRefusedWithBalanceMinusOneAndARefusedHoldWithZero() {
        String blocked = "u-blocked-" + UUID.randomUUID();
        CompletableFuture<Void> billing = CompletableFuture.runAsync(() -> answerInlet(blocked, true, false));
        post("/api/v1/inlet", inlet(blocked)).expectBody()
                .jsonPath("$.balance").isEqualTo(-1)
                .jsonPath("$.message").isEqualTo("User is blocked");
        billing.join();

        String poor = "u-poor-" + UUID.randomUUID();
        billing = CompletableFuture.runAsync(() -> answerInlet(poor, false, true));
        post("/api/v1/inlet", inlet(poor)).expectBody()
                .jsonPath("$.balance").isEqualTo(0)
                .jsonPath("$.inlet_cost").doesNotExist();
        billing.join();
    }

    @Test
    void anInletOverALimitOfThePlanIsRefusedWithZeroTheLimitAndItsRenewal() {
        String limited = "u-limited-" + UUID.randomUUID();
        String refusal = "Daily limit of 10 chats reached; renews at 2026-12-03 00:00 UTC";
        CompletableFuture<Void> billing = CompletableFuture.runAsync(() -> answerInlet(limited, false, true, refusal,
                Instant.parse("2026-12-03T00:00:00Z")));
        post("/api/v1/inlet", inlet(limited)).expectBody()
                .jsonPath("$.balance").isEqualTo(0)
                .jsonPath("$.limit_reached").isEqualTo(true)
                .jsonPath("$.renews_at").isEqualTo("2026-12-03T00:00:00Z")
                .jsonPath("$.message").isEqualTo(refusal);
        billing.join();
    }

    private void answerInlet(String user, boolean blocked, boolean refused) {
        answerInlet(user, blocked, refused, null, null);
    }

    private void answerInlet(String user, boolean blocked, boolean refused, String refusal, Instant renewsAt) {
        ConsumerRecord<String, Object> request = published(ChatStarted.class, user);
        ChatStarted inlet = (ChatStarted) request.value();
        kafka.send(Topics.BILLING_REPLIES.name(), replyPartition(request), user, new ChatAdmitted(UUID.randomUUID(),
                Instant.now(), user, inlet.eventId(), inlet.requestKey(), inlet.model(), blocked,
                new BigDecimal("0.3"), BigDecimal.ZERO, refused, refusal, renewsAt, null, null, refusal == null ? null : "message_limit"));
    }

    /** The request the gateway published for the user, with the headers that say where to answer. */
    private ConsumerRecord<String, Object> published(Class<?> type, String user) {
        return await().atMost(WAIT).until(() -> chatEvents.records().stream()
                .filter(record -> type.isInstance(record.value()) && user.equals(((ChatEvent) record.value()).userId()))
                .findFirst().orElse(null), Objects::nonNull);
    }

    /** Billing answers on the partition the request names; the gateway reads only its own. */
    private static int replyPartition(ConsumerRecord<String, Object> request) {
        Header header = request.headers().lastHeader(KafkaHeaders.REPLY_PARTITION);
        return ByteBuffer.wrap(header.value()).getInt();
    }

    private static String inlet(String user) {
        return """
                {"user": {"id": "%s"}, "body": {"model": "gpt-4o", "metadata": {"chat_id": "c", "message_id": "m"}}}
                """.formatted(user);
    }

    private WebTestClient.ResponseSpec post(String path, String body) {
        return http.post().uri(path).header("Authorization", "Bearer function-key")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk();
    }
}
