package io.owm.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import io.owm.testsupport.KafkaProbe;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Answers go where the asking gateway instance reads: the {@code billing-replies} partition its request names,
 * besides {@code billing-events} for everyone else. Admin changes go to every reply partition.
 */
class ReplyRoutingIT extends BillingServiceTest {

    @Autowired
    WebTestClient web;

    @Test
    void anAnswerGoesToTheReplyPartitionTheRequestNamesAndToTheFactStream() {
        KafkaProbe.Collector replies = kafka.collect(Topics.BILLING_REPLIES.name());
        String user = newUser();
        ChatStarted inlet = ChatEvents.inlet(user, "gpt-4o", ChatRef.NONE);
        kafka.send(Topics.CHAT_EVENTS.name(), user, inlet,
                Map.of(KafkaHeaders.REPLY_PARTITION, ByteBuffer.allocate(4).putInt(2).array()));

        ConsumerRecord<String, Object> answer = await().atMost(WAIT).until(() -> replies.records().stream()
                .filter(r -> r.value() instanceof ChatAdmitted a && a.correlationId().equals(inlet.eventId()))
                .findFirst().orElse(null), r -> r != null);
        assertThat(answer.partition()).isEqualTo(2);
        assertThat(reply(ChatAdmitted.class, inlet.eventId()).balance()).isEqualByComparingTo("9.5");
    }

    @Test
    void aRequestWithoutAReplyAddressIsAnsweredOnTheFactStreamOnly() {
        KafkaProbe.Collector replies = kafka.collect(Topics.BILLING_REPLIES.name());
        String user = newUser();
        ChatStarted inlet = ChatEvents.inlet(user, "gpt-4o", ChatRef.NONE);
        kafka.send(Topics.CHAT_EVENTS.name(), user, inlet);

        reply(ChatAdmitted.class, inlet.eventId());
        assertThat(replies.values(ChatAdmitted.class)).noneMatch(a -> a.correlationId().equals(inlet.eventId()));
    }

    @Test
    void aBlockReachesEveryReplyPartition() {
        KafkaProbe.Collector replies = kafka.collect(Topics.BILLING_REPLIES.name());
        String user = newUser();
        ChatStarted registering = ChatEvents.inlet(user, "unknown-model", ChatRef.NONE);
        kafka.send(Topics.CHAT_EVENTS.name(), user, registering);
        reply(ChatAdmitted.class, registering.eventId());

        web.delete().uri("/api/v1/users/" + user).exchange().expectStatus().isOk();

        await().atMost(WAIT).untilAsserted(() -> assertThat(replies.records().stream()
                .filter(r -> r.value() instanceof UserBlocked b && b.userId().equals(user))
                .map(ConsumerRecord::partition).distinct()).containsExactlyInAnyOrder(0, 1, 2));
    }
}
