package io.owm.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.billing.UserRegistered;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import io.owm.testsupport.KafkaProbe;
import io.owm.testsupport.TestInfrastructure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Chat events in, charges out: registration, retries and redelivery, continues, holds, concurrency and poison
 * events, each checked against the ledger.
 */
class ChargingIT extends BillingServiceTest {

    @Test
    void registersOnFirstSightThenChargesTheDefaultPrice() {
        String user = newUser();
        ChatStarted inlet = ChatEvents.inlet(user, "unknown-model", ChatRef.NONE);
        kafka.send(Topics.CHAT_EVENTS.name(), user, inlet);

        ChatAdmitted admitted = reply(ChatAdmitted.class, inlet.eventId());
        assertThat(admitted.balance()).isEqualByComparingTo("10");
        assertThat(admitted.holdAmount()).isEqualByComparingTo("0");
        assertThat(billingEvents.values(UserRegistered.class)).anyMatch(r -> r.userId().equals(user));

        ChatCompleted outlet = ChatEvents.outlet(user, "unknown-model", ChatRef.NONE, "out:" + user, 1000, 1000);
        kafka.send(Topics.CHAT_EVENTS.name(), user, outlet);

        ChatCharged charged = reply(ChatCharged.class, outlet.eventId());
        assertThat(charged.cost()).isEqualByComparingTo("0.12");
        assertThat(charged.newBalance()).isEqualByComparingTo("9.88");
        assertThat(balanceOf(user)).isEqualByComparingTo("9.88");
    }

    @Test
    void chargesOnceWhenTheSameOutletIsSentFiveTimes() {
        String user = newUser();
        String requestKey = "out:" + UUID.randomUUID();
        List<ChatCompleted> attempts = IntStream.range(0, 5)
                .mapToObj(i -> ChatEvents.outlet(user, "m", ChatRef.NONE, requestKey, 1000, 1000))
                .toList();
        attempts.forEach(outlet -> kafka.send(Topics.CHAT_EVENTS.name(), user, outlet));

        List<ChatCharged> answers = attempts.stream().map(a -> reply(ChatCharged.class, a.eventId())).toList();
        assertThat(answers).extracting(ChatCharged::newBalance).allSatisfy(b -> assertThat(b).isEqualByComparingTo("9.88"));
        assertThat(answers).extracting(ChatCharged::eventId).containsOnly(answers.get(0).eventId());
        assertThat(balanceOf(user)).isEqualByComparingTo("9.88");
        assertThat(ledgerReasons(user)).containsExactly("REGISTRATION", "CHARGE");
    }

    @Test
    void chargesOnceWhenARecordIsRedeliveredAfterACrashBeforeTheOffsetCommit() {
        String user = newUser();
        ChatCompleted outlet = ChatEvents.outlet(user, "m", ChatRef.NONE, "out:" + UUID.randomUUID(), 500, 500);
        kafka.send(Topics.CHAT_EVENTS.name(), user, outlet);
        ChatCharged first = reply(ChatCharged.class, outlet.eventId());

        // What the broker hands out again when billing died after its commit: the very same record.
        kafka.send(Topics.CHAT_EVENTS.name(), user, outlet);
        await().atMost(WAIT).until(() -> billingEvents.values(ChatCharged.class).stream()
                .filter(c -> c.correlationId().equals(outlet.eventId())).count() == 2);

        assertThat(billingEvents.values(ChatCharged.class)).filteredOn(c -> c.correlationId().equals(outlet.eventId()))
                .extracting(ChatCharged::eventId).containsOnly(first.eventId());
        assertThat(balanceOf(user)).isEqualByComparingTo("9.94");
    }

    @Test
    void anAnswerTheBrokerRefusedIsReadAgainAndPublishedFromTheStoredReplyNeverChargedTwice() {
        String user = newUser();
        ChatCompleted refused = ChatEvents.outlet(user, "m", ChatRef.NONE, "refused:" + UUID.randomUUID(), 500, 500);
        RefusedReplies.refuseOnce(refused.eventId());
        kafka.send(Topics.CHAT_EVENTS.name(), user, refused);

        // Its batch was applied but its answer never reached billing-events: only reading the batch again (when the
        // consumer settles it, idle or before its next batch) publishes it.
        ChatCharged charged = reply(ChatCharged.class, refused.eventId());
        ChatCompleted next = ChatEvents.outlet(user, "m", ChatRef.NONE, "next:" + UUID.randomUUID(), 500, 500);
        kafka.send(Topics.CHAT_EVENTS.name(), user, next);
        reply(ChatCharged.class, next.eventId());

        assertThat(billingEvents.values(ChatCharged.class)).filteredOn(c -> c.correlationId().equals(refused.eventId()))
                .extracting(ChatCharged::eventId).containsOnly(charged.eventId());
        assertThat(balanceOf(user)).isEqualByComparingTo("9.88");
        assertThat(ledgerReasons(user)).containsExactly("REGISTRATION", "CHARGE", "CHARGE");
    }

    @Test
    void aContinueWithUsageOfItsOwnIsChargedForThatCallAsItStands() {
        String user = newUser();
        ChatRef chat = new ChatRef("chat-1", "msg-1", "s");
        ChatCompleted first = ChatEvents.outlet(user, "m", chat, "out:a:" + user, 1000, 1000, "usage-a", 1000);
        kafka.send(Topics.CHAT_EVENTS.name(), user, first);
        reply(ChatCharged.class, first.eventId());
        // OpenWebUI replaced the message's usage with the continuation's: it read 2000 tokens and wrote 500.
        ChatCompleted continued = ChatEvents.outlet(user, "m", chat, "out:b:" + user, 2000, 500, "usage-b", 1500);
        kafka.send(Topics.CHAT_EVENTS.name(), user, continued);

        ChatCharged call = reply(ChatCharged.class, continued.eventId());
        assertThat(call.inputTokens()).isEqualTo(2000);
        assertThat(call.outputTokens()).isEqualTo(500);
        assertThat(call.cost()).isEqualByComparingTo("0.15");
        assertThat(balanceOf(user)).isEqualByComparingTo("9.73");
    }

    @Test
    void aContinueStillCarryingTheFirstUsageIsCountedFromTheReplysGrowthNotChargedTwice() {
        String user = newUser();
        ChatRef chat = new ChatRef("chat-2", "msg-2", "s");
        ChatCompleted first = ChatEvents.outlet(user, "m", chat, "out:a:" + user, 1000, 1000, "usage-a", 1000);
        kafka.send(Topics.CHAT_EVENTS.name(), user, first);
        reply(ChatCharged.class, first.eventId());
        // The continuation reported no usage: the first call's is still on the message; the reply grew by 400.
        ChatCompleted continued = ChatEvents.outlet(user, "m", chat, "out:b:" + user, 1000, 1000, "usage-a", 1400);
        kafka.send(Topics.CHAT_EVENTS.name(), user, continued);

        ChatCharged call = reply(ChatCharged.class, continued.eventId());
        assertThat(call.inputTokens()).isEqualTo(2000);
        assertThat(call.outputTokens()).isEqualTo(400);
        assertThat(call.tokensEstimated()).isTrue();
        assertThat(call.cost()).isEqualByComparingTo("0.144");
        assertThat(balanceOf(user)).isEqualByComparingTo("9.736");
    }

    @Test
    void theOutletSettlesItsInletHoldAndGivesBackWhatWasNotUsed() {
        String user = newUser();
        ChatRef chat = new ChatRef("c-" + user, "m-" + user, null);
        ChatStarted inlet = ChatEvents.inlet(user, "gpt-4o", chat);
        kafka.send(Topics.CHAT_EVENTS.name(), user, inlet);
        ChatAdmitted admitted = reply(ChatAdmitted.class, inlet.eventId());
        assertThat(admitted.holdAmount()).isEqualByComparingTo("0.5");
        assertThat(admitted.balance()).isEqualByComparingTo("9.5");

        ChatCompleted outlet = ChatEvents.outlet(user, "gpt-4o", chat, "out:" + user, 1000, 1000);
        kafka.send(Topics.CHAT_EVENTS.name(), user, outlet);
        ChatCharged charged = reply(ChatCharged.class, outlet.eventId());

        assertThat(charged.settledHold()).isEqualByComparingTo("0.5");
        assertThat(charged.cost()).isEqualByComparingTo("0.12");
        assertThat(charged.newBalance()).isEqualByComparingTo("9.88");
        assertThat(ledgerReasons(user)).containsExactly("REGISTRATION", "INLET_HOLD", "HOLD_SETTLEMENT", "CHARGE");
    }

    @Test
    void anOutletWithoutAHoldIsChargedInFull() {
        String user = newUser();
        ChatCompleted outlet = ChatEvents.outlet(user, "gpt-4o", ChatRef.NONE, "out:" + user, 1000, 1000);
        kafka.send(Topics.CHAT_EVENTS.name(), user, outlet);

        ChatCharged charged = reply(ChatCharged.class, outlet.eventId());
        assertThat(charged.settledHold()).isEqualByComparingTo("0");
        assertThat(charged.newBalance()).isEqualByComparingTo("9.88");
    }

    @Test
    void hundredConcurrentOutletsOfOneUserEndWithTheExactBalance() {
        String user = newUser();
        List<ChatCompleted> outlets = IntStream.range(0, 100)
                .mapToObj(i -> ChatEvents.outlet(user, "m", ChatRef.NONE, "out:" + i + ":" + user, 100, 100))
                .toList();
        outlets.parallelStream().forEach(outlet -> kafka.send(Topics.CHAT_EVENTS.name(), user, outlet));

        outlets.forEach(outlet -> reply(ChatCharged.class, outlet.eventId()));
        // 100 x (100 + 100 tokens at 60 USD per million) = 1.2
        assertThat(balanceOf(user)).isEqualByComparingTo("8.8");
    }

    @Test
    void onceTheRepliesAreOutTheOffsetsAreCommittedUpToTheLastEvent() throws Exception {
        String user = newUser();
        List<ChatCompleted> outlets = IntStream.range(0, 20)
                .mapToObj(i -> ChatEvents.outlet(user, "m", ChatRef.NONE, "commit:" + i + ":" + user, 100, 100))
                .toList();
        outlets.forEach(outlet -> kafka.send(Topics.CHAT_EVENTS.name(), user, outlet));
        outlets.forEach(outlet -> reply(ChatCharged.class, outlet.eventId()));

        // The last batch has no batch behind it: it is committed once its replies are acknowledged and the
        // consumer is idle, not left for the next batch to commit.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().bootstrapServers()))) {
            Map<TopicPartition, Long> ends = endOffsets(admin);
            await().atMost(WAIT).untilAsserted(() -> {
                Map<TopicPartition, Long> committed = committed(admin);
                ends.forEach((partition, end) ->
                        assertThat(committed.getOrDefault(partition, 0L)).as("%s", partition).isEqualTo(end));
            });
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, 3).boxed().collect(Collectors.toMap(
                partition -> new TopicPartition(Topics.CHAT_EVENTS.name(), partition),
                partition -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets("billing-service").partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS).entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(Topics.CHAT_EVENTS.name()))
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndTheNextEventIsStillCharged() {
        String user = newUser();
        double deadLettersBefore = meters.get("owm.kafka.dead.letters").tag("topic", "chat-events").counter().count();
        try (KafkaProbe.Collector deadLetters = kafka.collect(Topics.CHAT_EVENTS.deadLetter())) {
            kafka.sendRaw(Topics.CHAT_EVENTS.name(), user, ChatCompleted.TYPE,
                    "{not json".getBytes(StandardCharsets.UTF_8));
            kafka.send(Topics.CHAT_EVENTS.name(), user,
                    ChatEvents.outlet(user, "m", ChatRef.NONE, "neg:" + user, -5, 10));
            ChatCompleted next = ChatEvents.outlet(user, "m", ChatRef.NONE, "out:" + user, 1000, 1000);
            kafka.send(Topics.CHAT_EVENTS.name(), user, next);

            assertThat(reply(ChatCharged.class, next.eventId()).newBalance()).isEqualByComparingTo("9.88");
            await().atMost(WAIT).until(() -> deadLetters.records().size() == 2);
            assertThat(meters.get("owm.kafka.dead.letters").tag("topic", "chat-events").counter().count())
                    .isEqualTo(deadLettersBefore + 2);
        }
    }

    @Test
    void anOutletIsChargedWithThePriceInForceWhenItsChatCompleted() {
        String model = "priced-" + UUID.randomUUID();
        Instant effective = Instant.now();
        kafka.send(Topics.MODEL_PRICES.name(), model, new ModelPriced(UUID.randomUUID(), effective, model,
                new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("-1")));
        await().atMost(WAIT).until(() -> db.sql("SELECT count(*) AS n FROM model_price_history WHERE model_id = :m")
                .bind("m", model).map(row -> row.get("n", Long.class)).one().block() == 1);

        String user = newUser();
        ChatCompleted afterTheChange = ChatEvents.outlet(user, model, ChatRef.NONE, "out:new:" + user, 1000, 1000);
        // Completed a minute before the change, applied only now (billing was behind): the old price applies.
        ChatCompleted beforeTheChange = new ChatCompleted(UUID.randomUUID(), effective.minusSeconds(60),
                "out:old:" + user, ChatEvents.user(user), model, ChatRef.NONE, 1000, 1000, false, "usage:1000/1000",
                1000L);
        kafka.send(Topics.CHAT_EVENTS.name(), user, afterTheChange);
        kafka.send(Topics.CHAT_EVENTS.name(), user, beforeTheChange);

        ChatCharged newPrice = reply(ChatCharged.class, afterTheChange.eventId());
        ChatCharged oldPrice = reply(ChatCharged.class, beforeTheChange.eventId());
        assertThat(newPrice.cost()).isEqualByComparingTo("0.003");
        assertThat(newPrice.inputPrice()).isEqualByComparingTo("1");
        assertThat(oldPrice.cost()).isEqualByComparingTo("0.12");
        assertThat(balanceOf(user)).isEqualByComparingTo("9.877");
    }
}
