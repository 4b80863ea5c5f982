package io.owm.billing.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.owm.billing.BillingServiceTest;
import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatUser;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The idempotency store is bounded: a reply older than the retention is pruned, while a repeat inside the retention
 * is still answered from the store and charged nothing.
 */
class ProcessedRequestsRetentionIT extends BillingServiceTest {

    @Autowired
    ProcessedRequestsRetention retention;

    @Test
    void prunesRepliesOlderThanTheRetentionAndStillAnswersARepeatInsideIt() {
        String user = newUser();
        ChatCompleted old = outlet(user, "out:old:" + user);
        ChatCompleted recent = outlet(user, "out:recent:" + user);
        kafka.send(Topics.CHAT_EVENTS.name(), user, old);
        kafka.send(Topics.CHAT_EVENTS.name(), user, recent);
        ChatCharged charged = reply(ChatCharged.class, recent.eventId());
        reply(ChatCharged.class, old.eventId());
        db.sql("UPDATE processed_requests SET created_at = now() - interval '15 days' WHERE request_key = :k")
                .bind("k", old.requestKey()).then().block();

        assertThat(retention.pruneOnce().block()).isGreaterThanOrEqualTo(1L);

        assertThat(stored(old.requestKey())).isFalse();
        assertThat(stored(recent.requestKey())).isTrue();
        ChatCompleted repeat = new ChatCompleted(UUID.randomUUID(), Instant.now(), recent.requestKey(), recent.user(),
                recent.model(), recent.chat(), recent.inputTokens(), recent.outputTokens(), false,
                recent.usageDigest(), recent.replyTokens());
        kafka.send(Topics.CHAT_EVENTS.name(), user, repeat);
        ChatCharged answered = reply(ChatCharged.class, repeat.eventId());
        assertThat(answered.eventId()).isEqualTo(charged.eventId());
        assertThat(ledgerReasons(user)).filteredOn("CHARGE"::equals).hasSize(2);
    }

    private boolean stored(String requestKey) {
        return Boolean.TRUE.equals(db.sql("SELECT count(*) = 1 AS found FROM processed_requests WHERE request_key = :k")
                .bind("k", requestKey).map(row -> row.get("found", Boolean.class)).one().block());
    }

    private static ChatCompleted outlet(String user, String requestKey) {
        return new ChatCompleted(UUID.randomUUID(), Instant.now(), requestKey,
                new ChatUser(user, null, "User " + user, "user"), "m", ChatRef.NONE, 1000, 1000, false,
                "usage:" + requestKey, 1000L);
    }
}
